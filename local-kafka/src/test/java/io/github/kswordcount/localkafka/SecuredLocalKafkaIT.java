package io.github.kswordcount.localkafka;

import static io.github.kswordcount.localkafka.KafkaIo.byPartition;
import static io.github.kswordcount.localkafka.KafkaIo.readText;
import static io.github.kswordcount.localkafka.KafkaIo.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One secured node: SCRAM logins with both mechanisms, and no access without an ACL. */
class SecuredLocalKafkaIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder.topic("lab", 2)
      .user("admin", "admin-secret").user("alice", "alice-secret").user("bob", "bob-secret"));

  @Test
  void aUserWithoutAclsSeesNoTopicAndCannotWrite(LocalKafka kafka) throws Exception {
    assertThat(topicNames(kafka.clientConfig())).containsExactly("lab");
    assertThat(topicNames(kafka.clientConfig("alice"))).isEmpty();

    Map<String, Object> config = new HashMap<>(kafka.clientConfig("alice"));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (KafkaProducer<String, String> producer =
           new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("lab", "v")).get())
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(TopicAuthorizationException.class).hasMessage("Not authorized to access topics: [lab]");
    }
  }

  @Test
  void withTheAclsUsersWriteAndReadOverScramSha256AndScramSha512(LocalKafka kafka) throws Exception {
    kafka.createTopic("acl-rw", 1, 1);
    SecuredClients.allow(kafka, "alice", ResourceType.TOPIC, "acl-rw", AclOperation.WRITE);
    SecuredClients.allow(kafka, "bob", ResourceType.TOPIC, "acl-rw", AclOperation.READ);

    send(kafka.clientConfig("alice"), List.of(new ProducerRecord<>("acl-rw", "k", "привет"),
        new ProducerRecord<>("acl-rw", "k", "second")));
    Map<String, String> bob512 = new HashMap<>(kafka.clientConfig("bob"));
    bob512.put("sasl.mechanism", "SCRAM-SHA-512");

    assertThat(byPartition(readText(bob512, "acl-rw"))).isEqualTo(Map.of(0, List.of("k=привет@0", "k=second@1")));
    // Read implies Describe: bob now sees the topic, alice (Write only, which implies Describe too) as well.
    assertThat(topicNames(bob512)).containsExactly("acl-rw");
  }

  @Test
  void aWrongPasswordIsRefusedAtOnce(LocalKafka kafka) {
    long start = System.nanoTime();

    assertThatThrownBy(() -> topicNames(SecuredClients.withPassword(kafka, "alice", "not-her-password")))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(SaslAuthenticationException.class)
        .hasMessage("Authentication failed during authentication due to invalid credentials with SASL mechanism"
            + " SCRAM-SHA-256");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aClientWithoutSaslGetsNoAnswer(LocalKafka kafka) {
    Map<String, String> plain = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");

    assertThatThrownBy(() -> topicNames(plain)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
  }

  @Test
  void givesClientSettingsOnlyForItsUsers(LocalKafka kafka) {
    assertThat(kafka.clientConfig("alice")).isEqualTo(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(),
        "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", "SCRAM-SHA-256",
        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\""
            + " password=\"alice-secret\";"));
    assertThat(kafka.clientConfig()).isEqualTo(kafka.clientConfig("admin"));
    assertThatThrownBy(() -> kafka.clientConfig("mallory")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no user 'mallory' was given to the builder");
  }

  private static List<String> topicNames(Map<String, String> client) throws Exception {
    try (Admin admin = Admin.create(new HashMap<String, Object>(client))) {
      return admin.listTopics().names().get().stream().sorted().toList();
    }
  }
}
