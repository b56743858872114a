package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code acls} command (Kafka's {@code kafka-acls}) against a secured broker: as its super user, and as a user
 * without rights on the ACLs.
 */
class AclsCommandIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder.topic("lab", 1)
      .user("admin", "admin-secret").user("alice", "alice-secret"));

  private static final String LAB = "`ResourcePattern(resourceType=TOPIC, name=lab, patternType=LITERAL)`";
  private static final String ALICE_READS = " \t(principal=User:alice, host=*, operation=READ, permissionType=ALLOW) ";

  @TempDir static Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void addsAnAclThatTheListThenShows(LocalKafka kafka) {
    Path admin = SecuredClients.propertiesFile(dir.resolve("admin.properties"), kafka.clientConfig());
    String[] connect = {"acls", "--bootstrap-server", kafka.bootstrapServers(), "--command-config", admin.toString()};

    int added = run(connect, "--add", "--allow-principal", "User:alice", "--operation", "Read", "--topic", "lab");

    assertThat(added).isZero();
    assertThat(err()).isEmpty();
    String adding = "Adding ACLs for resource " + LAB + ": \n" + ALICE_READS + "\n\n";
    String listed = "Current ACLs for resource " + LAB + ": \n" + ALICE_READS + "\n\n";
    // Then kafka-acls lists the resource's ACLs, which the broker may not have applied yet (then none).
    assertThat(out()).isIn(adding, adding + listed);
    await("the ACL listed").atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
      out.reset();
      err.reset();
      return run(connect, "--list", "--topic", "lab") == 0 && out().equals(listed) && err().isEmpty();
    });
  }

  /**
   * A user without rights on the cluster's ACLs gets one line naming the user and the ACL it needs, on stderr, and
   * exit 1. Kafka's tool prints {@code Error while executing ACL command: ...ClusterAuthorizationException: Request
   * Request(processor=0, connectionId=..., session=...Session@6d68aab0, ...) is not authorized.} on stdout.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--list|describe|Describe",
      "--remove --force --allow-principal User:bob --operation Read --topic lab|change|Alter"})
  void aUserWithoutRightsOnTheAclsGetsOneLineNamingTheUserAndTheAclItNeeds(String args, String verb,
      String operation, LocalKafka kafka) {
    Path alice = SecuredClients.propertiesFile(dir.resolve("alice.properties"), kafka.clientConfig("alice"));
    String[] connect = {"acls", "--bootstrap-server", kafka.bootstrapServers(), "--command-config", alice.toString()};

    int status = run(connect, args.split(" "));

    assertThat(status).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err()).isEqualTo("error: user 'alice' is not allowed to " + verb + " ACLs on "
        + kafka.bootstrapServers() + " (it needs " + operation + " on the cluster: acls --add --allow-principal "
        + "User:alice --operation " + operation + " --cluster, run as a super user)\n");
  }

  private int run(String[] connect, String... args) {
    String[] all = new String[connect.length + args.length];
    System.arraycopy(connect, 0, all, 0, connect.length);
    System.arraycopy(args, 0, all, connect.length, args.length);
    return LocalKafkaMain.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(1));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
