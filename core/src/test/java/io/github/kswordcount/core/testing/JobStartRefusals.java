package io.github.kswordcount.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import io.github.kswordcount.localkafka.SecuredClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that a job refuses, seen as a user sees it: the job's fat jar run as a process, its whole stderr read.
 * Each refusal the README lists for a job's start is exactly one {@code error:} line, exit 1, and nothing from
 * Kafka's client or Spark around it: no WARN per reconnect, no ERROR of a refused login or commit, no "Error
 * starting the context", no receiver restarts, no stack trace. Both jobs' ITs extend this class with their jar and
 * default group; one secured broker serves every case.
 *
 * <p>The unreachable broker's case waits the job's 15 s: it starts with the class and is checked last, while the
 * other cases run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class JobStartRefusals {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(b -> b.user("admin", "admin-secret")
      .user("alice", "alice-secret").topic("refusals-in", 1).topic("refusals-described", 1).topic("refusals-out", 1));

  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
  /** The job's wait for a cluster that does not answer. */
  private static final int UNREACHABLE_WAIT_S = 15;

  @TempDir Path dir;

  private final Path jar;
  private final String defaultGroup;
  private JavaTool.Running unreachable;
  private int unreachablePort;

  /**
   * The frame for one job.
   *
   * @param jar the job's fat jar, e.g. {@code target/direct-app.jar}
   * @param defaultGroup the job's consumer group when none is given, e.g. {@code wordcount-direct}
   */
  protected JobStartRefusals(Path jar, String defaultGroup) {
    this.jar = jar;
    this.defaultGroup = defaultGroup;
  }

  /** alice may read refusals-in and use the group refusals-ok; on refusals-described she may only describe. */
  @BeforeAll
  void acls(LocalKafka kafka) {
    SecuredClients.allow(kafka, "alice", ResourceType.TOPIC, "refusals-in", AclOperation.READ, AclOperation.DESCRIBE);
    SecuredClients.allow(kafka, "alice", ResourceType.TOPIC, "refusals-described", AclOperation.DESCRIBE);
    SecuredClients.allow(kafka, "alice", ResourceType.TOPIC, "refusals-out", AclOperation.DESCRIBE);
    SecuredClients.allowPrefixed(kafka, "alice", ResourceType.GROUP, "refusals-ok", AclOperation.READ);
    // The README's old example: Read on a group that neither job uses by default.
    SecuredClients.allow(kafka, "alice", ResourceType.GROUP, "wordcount", AclOperation.READ);
  }

  @BeforeAll
  void startTheUnreachableCase() {
    try (ServerSocket socket = new ServerSocket(0)) {
      unreachablePort = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    unreachable = JavaTool.app(jar).start(new byte[0], command("127.0.0.1:" + unreachablePort, "lab"));
  }

  @AfterAll
  void stopTheUnreachableCase() {
    if (unreachable != null) {
      unreachable.close();
    }
  }

  @Test
  @Order(1)
  void aWrongPasswordIsOneLine(LocalKafka kafka) {
    Path wrong = SecuredClients.propertiesFile(dir.resolve("wrong.properties"),
        SecuredClients.withPassword(kafka, "alice", "not-the-password"));
    assertRefused("error: cannot reach Kafka at " + kafka.bootstrapServers() + ": Authentication failed during "
        + "authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256 (check the user name and "
        + "password in sasl.jaas.config, from --consumer.config or --consumer-property)",
        kafka.bootstrapServers(), "refusals-in", "--consumer.config", wrong.toString());
  }

  @Test
  @Order(2)
  void aMissingTopicIsOneLine(LocalKafka kafka) {
    // As the super user: to another user, Kafka does not tell a topic it may not describe from a missing one.
    Path admin = SecuredClients.propertiesFile(dir.resolve("admin.properties"), kafka.clientConfig());
    assertRefused("error: topic 'no-such-topic' does not exist on " + kafka.bootstrapServers() + " (the job never "
        + "creates topics: create it first)", kafka.bootstrapServers(), "no-such-topic", "--consumer.config",
        admin.toString());
  }

  /** The README's old ACL example: Read on the topic, but on a group the job does not use. */
  @Test
  @Order(3)
  void noReadOnTheJobsGroupIsOneLine(LocalKafka kafka) {
    assertRefused("error: Not authorized to access group: " + defaultGroup + " (check this user's Read ACL on group '"
        + defaultGroup + "')", kafka.bootstrapServers(), "refusals-in", "--consumer.config", alice(kafka));
  }

  @Test
  @Order(4)
  void describeButNoReadOnTheInputIsOneLine(LocalKafka kafka) {
    assertRefused("error: Not authorized to access topics: [refusals-described] (check this user's Read ACL on topic "
        + "'refusals-described')", kafka.bootstrapServers(), "refusals-described", "--group", "refusals-ok",
        "--consumer.config", alice(kafka));
  }

  @Test
  @Order(5)
  void noWriteOnTheOutputTopicIsOneLine(LocalKafka kafka) {
    assertRefused("error: cannot write counts to topic 'refusals-out': Not authorized to access topics: "
        + "[refusals-out] (check this user's Write and Describe ACLs on topic 'refusals-out')",
        kafka.bootstrapServers(), "refusals-in", "--group", "refusals-ok", "--output-topic", "refusals-out",
        "--consumer.config", alice(kafka));
  }

  @Test
  @Order(6)
  void anUnreachableBrokerIsOneLine() {
    JavaTool.Result result = unreachable.await(RUN_TIMEOUT);
    assertThat(result.stderr().lines()).as(result.stderr()).containsExactly("error: cannot reach Kafka at 127.0.0.1:"
        + unreachablePort + " within " + UNREACHABLE_WAIT_S + " s (is a broker running there?)");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  private void assertRefused(String line, String... args) {
    JavaTool.Result result = JavaTool.app(jar).run(new byte[0], RUN_TIMEOUT, command(args));
    assertThat(result.stderr().lines()).as(result.stderr()).containsExactly(line);
    assertThat(result.exitCode()).isEqualTo(1);
  }

  private static String[] command(String... args) {
    List<String> command = new ArrayList<>(List.of("--batch-seconds", "1", "--spark-conf", "spark.ui.enabled=false"));
    command.addAll(List.of(args));
    return command.toArray(new String[0]);
  }

  private String alice(LocalKafka kafka) {
    Path alice = dir.resolve("alice.properties");
    return SecuredClients.propertiesFile(alice, kafka.clientConfig("alice")).toString();
  }
}
