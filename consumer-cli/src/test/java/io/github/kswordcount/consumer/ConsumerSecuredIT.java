package io.github.kswordcount.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import io.github.kswordcount.localkafka.Refusal;
import io.github.kswordcount.localkafka.SecuredClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our consumer against a SASL/SCRAM broker with ACLs, Kafka's ConsoleConsumer with the same properties file as
 * the oracle; a refused login, a missing Read ACL on the topic or on the group as exactly one {@code error:} line
 * and exit 1 within 30 s; no password on stdout or stderr.
 */
class ConsumerSecuredIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder
      .user("admin", "admin-secret").user("reader", "reader-secret").user("nobody", "nobody-secret")
      .user("console", "console-secret"));

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final String[] PASSWORDS = {"admin-secret", "reader-secret", "nobody-secret", "console-secret",
      "not-the-password"};
  private static final String TOPIC = "secured-lines";
  private static final List<String> LINES = List.of("первая строка", "second line", "third");

  @TempDir static Path dir;
  private static Path reader;

  @BeforeAll
  static void topic(LocalKafka kafka) throws Exception {
    kafka.createTopic(TOPIC, 1, 1);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(new HashMap<String, Object>(
        kafka.clientConfig()), new StringSerializer(), new StringSerializer())) {
      for (String line : LINES) {
        producer.send(new ProducerRecord<>(TOPIC, line)).get();
      }
    }
    // What a console consumer in a group needs: Read on the topic (implies Describe) and Read on the group.
    SecuredClients.allow(kafka, "reader", ResourceType.TOPIC, TOPIC, AclOperation.READ);
    for (String group : List.of("readers-ours", "readers-kafka")) {
      SecuredClients.allow(kafka, "reader", ResourceType.GROUP, group, AclOperation.READ);
    }
    SecuredClients.allow(kafka, "nobody", ResourceType.GROUP, "nobodys-group", AclOperation.READ);
    reader = SecuredClients.propertiesFile(dir.resolve("reader.properties"), kafka.clientConfig("reader"));
  }

  @Test
  void readsInAGroupWithConsumerConfigAsKafkasConsoleConsumerDoes(LocalKafka kafka) {
    JavaTool.Both both = JavaTool.runBoth(Tools.KAFKA, args(kafka, reader, "readers-kafka"),
        Tools.OURS, args(kafka, reader, "readers-ours"), new byte[0], TOOL_TIMEOUT);

    assertThat(both.kafka().exitCode()).as(both.kafka().stderr()).isZero();
    assertThat(both.ours().exitCode()).as(both.ours().stderr()).isZero();
    assertThat(both.ours().out()).isEqualTo(both.kafka().out()).isEqualTo(String.join("\n", LINES) + "\n");
    assertThat(both.ours().processedLine()).isEqualTo(both.kafka().processedLine())
        .isEqualTo("Processed a total of 3 messages");
    assertNoPassword(both.ours());
  }

  @Test
  void readsAPartitionWithConsumerPropertyAndScramSha512WithoutAGroup(LocalKafka kafka) {
    JavaTool.Result result = Tools.OURS.run(new byte[0], TOOL_TIMEOUT, "--bootstrap-server",
        kafka.bootstrapServers(), "--topic", TOPIC, "--partition", "0", "--offset", "earliest", "--max-messages", "3",
        "--consumer-property", "security.protocol=SASL_PLAINTEXT",
        "--consumer-property", "sasl.mechanism=SCRAM-SHA-512",
        "--consumer-property", "sasl.jaas.config=" + kafka.clientConfig("reader").get("sasl.jaas.config"));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.out()).isEqualTo(String.join("\n", LINES) + "\n");
    assertNoPassword(result);
  }

  /**
   * The README's least ACLs for consumer-cli without {@code --group}: Read on the topic, and Read on the groups
   * with the prefix {@code console-consumer-}, the generated group's (as Kafka's tool names it).
   */
  @Test
  void withoutAGroupTheReadmesPrefixedGroupAclIsEnough(LocalKafka kafka) {
    SecuredClients.allow(kafka, "console", ResourceType.TOPIC, TOPIC, AclOperation.READ);
    SecuredClients.allowPrefixed(kafka, "console", ResourceType.GROUP, "console-consumer-", AclOperation.READ);
    Path console = SecuredClients.propertiesFile(dir.resolve("console.properties"), kafka.clientConfig("console"));

    JavaTool.Result result = Tools.OURS.run(new byte[0], TOOL_TIMEOUT, "--bootstrap-server",
        kafka.bootstrapServers(), "--topic", TOPIC, "--from-beginning", "--max-messages", "3",
        "--consumer.config", console.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.out()).isEqualTo(String.join("\n", LINES) + "\n");
    assertNoPassword(result);
  }

  @Test
  void aWrongPasswordIsOneErrorLine(LocalKafka kafka) {
    Path wrong = SecuredClients.propertiesFile(dir.resolve("wrong.properties"),
        SecuredClients.withPassword(kafka, "reader", "not-the-password"));

    assertThat(refusal("a wrong password", kafka, wrong, "readers-ours")).isEqualTo("error: Authentication failed:"
        + " Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256"
        + " (check the user name and password in sasl.jaas.config, from --consumer.config or --consumer-property)");
  }

  @Test
  void aMissingReadAclOnTheGroupIsOneErrorLine(LocalKafka kafka) {
    assertThat(refusal("no Read on the group", kafka, reader, "not-granted"))
        .isEqualTo("error: cannot consume: Not authorized to access group: not-granted (check this user's Read ACL"
            + " on group 'not-granted')");
  }

  @Test
  void aMissingReadAclOnTheTopicIsOneErrorLine(LocalKafka kafka) {
    Path nobody = SecuredClients.propertiesFile(dir.resolve("nobody.properties"), kafka.clientConfig("nobody"));

    assertThat(refusal("no Read on the topic", kafka, nobody, "nobodys-group")).isEqualTo("error: cannot consume:"
        + " Not authorized to access topics: [" + TOPIC + "] (check this user's Read ACL on topic '" + TOPIC + "')");
  }

  /** Ours refused: exit 1 within 30 s, one {@code error:} line (returned), no stack trace, stdout or password. */
  private static String refusal(String what, LocalKafka kafka, Path consumerConfig, String group) {
    JavaTool.Result result = Refusal.ofTool("consumer-cli, " + what, Tools.OURS, new byte[0], TOOL_TIMEOUT,
        args(kafka, consumerConfig, group));

    assertThat(result.out()).isEmpty();
    assertNoPassword(result);
    return Refusal.errorLine(result.stderr());
  }

  /** No password of this class's users, nor the wrong one, on stdout or stderr. */
  private static void assertNoPassword(JavaTool.Result result) {
    assertThat(result.out()).doesNotContain(PASSWORDS);
    assertThat(result.stderr()).doesNotContain(PASSWORDS);
  }

  private static String[] args(LocalKafka kafka, Path consumerConfig, String group) {
    return new String[] {"--bootstrap-server", kafka.bootstrapServers(), "--topic", TOPIC, "--group", group,
        "--from-beginning", "--max-messages", "3", "--consumer.config", consumerConfig.toString()};
  }
}
