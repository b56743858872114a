package io.github.kswordcount.localkafka;

import static io.github.kswordcount.localkafka.KafkaIo.onceAuthorized;
import static io.github.kswordcount.localkafka.KafkaIo.readText;
import static io.github.kswordcount.localkafka.KafkaIo.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secured data directory started again: its users and ACLs are kept, its security can't be changed. */
class SecuredRestartIT {
  @TempDir Path dataDir;

  @Test
  void keepsUsersAndAclsAcrossARestartAndCreatesUsersItDoesNotKnowYet() throws Exception {
    try (LocalKafka first = secured().topic("kept", 1).build().start()) {
      SecuredClients.allow(first, "alice", ResourceType.TOPIC, "kept", AclOperation.WRITE, AclOperation.READ);
      send(first.clientConfig("alice"), List.of(new ProducerRecord<>("kept", "k", "written before the restart")));
    }
    assertThat(Files.readString(dataDir.resolve("local-kafka.properties"))).contains("scram.super.user=admin")
        .doesNotContain("admin-secret", "alice-secret");

    try (LocalKafka second = secured().user("carol", "carol-secret").build().start()) {
      assertThat(readText(second.clientConfig("alice"), "kept")).extracting(ConsumerRecord::value)
          .containsExactly("written before the restart");
      try (Admin admin = Admin.create(new HashMap<String, Object>(second.clientConfig()))) {
        assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get()).hasSize(2);
        assertThat(admin.describeUserScramCredentials().users().get())
            .containsExactlyInAnyOrder("admin", "alice", "carol");
      }
      try (Admin carol = Admin.create(new HashMap<String, Object>(second.clientConfig("carol")))) {
        assertThat(carol.listTopics().names().get()).isEmpty();
      }
    }
  }

  @Test
  void keepsUsersAndAclsOfThreeNodesAcrossARestart() throws Exception {
    try (LocalKafka first = secured().nodes(3).topic("kept", 1).build().start()) {
      SecuredClients.allow(first, "alice", ResourceType.TOPIC, "kept", AclOperation.WRITE, AclOperation.READ);
      sendAsAlice(first, "written before the restart");
    }

    try (LocalKafka second = secured().nodes(3).build().start()) {
      sendAsAlice(second, "written after the restart");
      assertThat(onceAuthorized("alice's read", () -> readText(second.clientConfig("alice"), "kept")))
          .extracting(ConsumerRecord::value).containsExactly("written before the restart", "written after the restart");
      try (Admin admin = Admin.create(new HashMap<String, Object>(second.clientConfig()))) {
        assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get()).hasSize(2);
        assertThat(admin.describeUserScramCredentials().users().get()).containsExactlyInAnyOrder("admin", "alice");
      }
    }
  }

  @Test
  void keepsThePasswordOfAUserThatExistsAlready() throws Exception {
    secured().build().start().close();

    try (LocalKafka again = LocalKafka.builder().dataDir(dataDir).user("admin", "admin-secret")
        .user("alice", "a-new-password").build().start();
         Admin alice = Admin.create(new HashMap<String, Object>(
             SecuredClients.withPassword(again, "alice", "alice-secret")))) {
      assertThat(alice.listTopics().names().get()).isEmpty();
    }
  }

  @Test
  void refusesAWrongSuperUserPasswordInOneLineWithin30Seconds() {
    secured().build().start().close();
    long start = System.nanoTime();

    assertThatThrownBy(() -> LocalKafka.builder().dataDir(dataDir).user("admin", "guessed").build().start())
        .isInstanceOf(LocalKafkaException.class)
        .hasMessage("Kafka refused the login of super user 'admin': Authentication failed during authentication due"
            + " to invalid credentials with SASL mechanism SCRAM-SHA-256");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void refusesToStartASecuredDataDirOpenOrWithAnotherSuperUser() {
    secured().build().start().close();
    Path dir = dataDir.toAbsolutePath().normalize();

    assertThatThrownBy(() -> LocalKafka.builder().dataDir(dataDir).build().start())
        .isInstanceOf(LocalKafkaException.class)
        .hasMessage("data directory '" + dir + "' holds a secured cluster: give its super user first,"
            + " --user admin:PASSWORD");
    assertThatThrownBy(() -> LocalKafka.builder().dataDir(dataDir).user("alice", "alice-secret").build().start())
        .isInstanceOf(LocalKafkaException.class)
        .hasMessage("data directory '" + dir + "' has super user 'admin', not 'alice': give --user admin:PASSWORD"
            + " first");
  }

  @Test
  void refusesUsersOnADataDirOfAnOpenCluster() {
    LocalKafka.builder().dataDir(dataDir).build().start().close();

    assertThatThrownBy(() -> secured().build().start())
        .isInstanceOf(LocalKafkaException.class)
        .hasMessage("data directory '" + dataDir.toAbsolutePath().normalize() + "' holds a cluster without users:"
            + " --user needs a new data directory");
  }

  /** Sends as alice once the brokers it reaches apply her ACL, each learning it on its own. */
  private static void sendAsAlice(LocalKafka kafka, String value) {
    onceAuthorized("alice's send", () -> send(kafka.clientConfig("alice"), List.of(new ProducerRecord<>("kept", "k",
        value))));
  }

  private LocalKafka.Builder secured() {
    return LocalKafka.builder().dataDir(dataDir).user("admin", "admin-secret").user("alice", "alice-secret");
  }
}
