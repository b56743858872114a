package io.github.kswordcount.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import io.github.kswordcount.localkafka.Refusal;
import io.github.kswordcount.localkafka.SecuredClients;
import io.github.kswordcount.localkafka.KafkaIo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our producer against a SASL/SCRAM broker with ACLs: the security settings from {@code --producer.config} or
 * {@code --producer-property}, and a refused login or a missing Write ACL as exactly one {@code error:} line and
 * exit 1 within 30 s; no password on stdout or stderr.
 */
class ProducerSecuredIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder
      .user("admin", "admin-secret").user("writer", "writer-secret").user("nobody", "nobody-secret"));

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final String[] PASSWORDS = {"admin-secret", "writer-secret", "nobody-secret", "not-the-password"};
  private static final byte[] INPUT = "первая строка\nsecond line\n".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path dir;

  @BeforeAll
  static void topics(LocalKafka kafka) {
    kafka.createTopic("secured-config", 1, 1);
    kafka.createTopic("secured-property", 1, 1);
    kafka.createTopic("secured-denied", 1, 1);
    // Write implies Describe; an idempotent producer with Write on the topic needs no cluster ACL.
    SecuredClients.allow(kafka, "writer", ResourceType.TOPIC, "secured-config", AclOperation.WRITE);
    SecuredClients.allow(kafka, "writer", ResourceType.TOPIC, "secured-property", AclOperation.WRITE);
  }

  @Test
  void writesWithTheSecuritySettingsOfProducerConfig(LocalKafka kafka) {
    Path writer = SecuredClients.propertiesFile(dir.resolve("writer.properties"), kafka.clientConfig("writer"));

    JavaTool.Result result = Tools.OURS.run(INPUT, TOOL_TIMEOUT, "--bootstrap-server", kafka.bootstrapServers(),
        "--topic", "secured-config", "--producer.config", writer.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(values(kafka, "secured-config")).containsExactly("первая строка", "second line");
    assertNoPassword(result);
  }

  @Test
  void writesWithTheSecuritySettingsOfProducerPropertyAndScramSha512(LocalKafka kafka) {
    Map<String, String> writer = kafka.clientConfig("writer");

    JavaTool.Result result = Tools.OURS.run(INPUT, TOOL_TIMEOUT, "--bootstrap-server", kafka.bootstrapServers(),
        "--topic", "secured-property", "--producer-property", "security.protocol=SASL_PLAINTEXT",
        "--producer-property", "sasl.mechanism=SCRAM-SHA-512",
        "--producer-property", "sasl.jaas.config=" + writer.get("sasl.jaas.config"));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(values(kafka, "secured-property")).containsExactly("первая строка", "second line");
    assertNoPassword(result);
  }

  @Test
  void aWrongPasswordIsOneErrorLine(LocalKafka kafka) {
    Path wrong = SecuredClients.propertiesFile(dir.resolve("wrong.properties"),
        SecuredClients.withPassword(kafka, "writer", "not-the-password"));

    assertRefused("a wrong password", kafka, "secured-config", wrong, "error: cannot write to topic 'secured-config':"
        + " SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with"
        + " SASL mechanism SCRAM-SHA-256 (check the client's credentials and the topic's Write ACL)");
  }

  @Test
  void aMissingWriteAclIsOneErrorLine(LocalKafka kafka) {
    Path nobody = SecuredClients.propertiesFile(dir.resolve("nobody.properties"), kafka.clientConfig("nobody"));

    assertRefused("no Write on the topic", kafka, "secured-denied", nobody, "error: cannot write to topic"
        + " 'secured-denied': TopicAuthorizationException: Not authorized to access topics: [secured-denied] (check"
        + " the client's credentials and the topic's Write ACL)");
  }

  /** Exit 1 within 30 s with exactly this one {@code error:} line, no stack trace, nothing on stdout. */
  private static void assertRefused(String what, LocalKafka kafka, String topic, Path producerConfig,
      String errorLine) {
    JavaTool.Result result = Refusal.ofTool("producer-cli, " + what, Tools.OURS, INPUT, TOOL_TIMEOUT,
        "--bootstrap-server", kafka.bootstrapServers(), "--topic", topic,
        "--producer.config", producerConfig.toString());

    assertThat(Refusal.errorLine(result.stderr())).isEqualTo(errorLine);
    assertThat(result.out()).isEmpty();
    assertNoPassword(result);
  }

  /** No password of this class's users, nor the wrong one, on stdout or stderr. */
  private static void assertNoPassword(JavaTool.Result result) {
    assertThat(result.out()).doesNotContain(PASSWORDS);
    assertThat(result.stderr()).doesNotContain(PASSWORDS);
  }

  private static List<String> values(LocalKafka kafka, String topic) {
    return KafkaIo.readAll(kafka.clientConfig(), topic, "read_uncommitted").stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }
}
