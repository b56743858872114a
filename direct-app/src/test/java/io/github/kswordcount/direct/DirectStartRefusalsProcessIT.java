package io.github.kswordcount.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import io.github.kswordcount.localkafka.SecuredClients;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start the job refuses, seen as a user sees it: the fat jar as a process, its whole stderr read. Each case ends
 * in one {@code error:} line (after the start line, when Spark had started) and nothing from Kafka's client or
 * Spark above it: no WARN per reconnect, no ERROR of a refused login, no "Error starting the context", no stack
 * trace.
 */
class DirectStartRefusalsProcessIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(b -> b.user("admin", "admin-secret")
      .user("alice", "alice-secret").topic("refusals-in", 1));

  private static final Path JAR = Path.of("target", "direct-app.jar");

  @TempDir Path dir;

  private record Outcome(int status, List<String> stderr) {}

  /** The fat jar with no JVM options, as a plain {@code java -jar} runs it; killed after 120 s. */
  private static Outcome run(String... args) {
    List<String> all = new ArrayList<>(List.of("--batch-seconds", "1", "--spark-conf", "spark.ui.enabled=false"));
    all.addAll(List.of(args));
    JavaTool.Result result = JavaTool.app(JAR).jvmOptions(List.of())
        .run(null, Duration.ofSeconds(120), all.toArray(new String[0]));
    return new Outcome(result.exitCode(), result.stderr().lines().toList());
  }

  @Test
  void anUnreachableBrokerIsOneLine() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Outcome outcome = run("127.0.0.1:" + port, "lab");
    assertThat(outcome.stderr()).containsExactly(
        "error: cannot reach Kafka at 127.0.0.1:" + port + " within 15 s (is a broker running there?)");
    assertThat(outcome.status()).isEqualTo(1);
  }

  @Test
  void aWrongPasswordIsOneLine(LocalKafka kafka) throws Exception {
    Path wrong = SecuredClients.propertiesFile(dir.resolve("wrong.properties"),
        SecuredClients.withPassword(kafka, "alice", "not-the-password"));
    Outcome outcome = run(kafka.bootstrapServers(), "refusals-in", "--consumer.config", wrong.toString());
    assertThat(outcome.stderr()).hasSize(1);
    assertThat(outcome.stderr().get(0)).startsWith("error: cannot reach Kafka at " + kafka.bootstrapServers()
        + ": Authentication failed");
    assertThat(outcome.status()).isEqualTo(1);
  }

  @Test
  void aMissingTopicIsOneLine(LocalKafka kafka) throws Exception {
    Path admin = SecuredClients.propertiesFile(dir.resolve("admin.properties"), kafka.clientConfig());
    Outcome outcome = run(kafka.bootstrapServers(), "no-such-topic", "--consumer.config", admin.toString());
    assertThat(outcome.stderr()).containsExactly("error: topic 'no-such-topic' does not exist on "
        + kafka.bootstrapServers() + " (the job never creates topics: create it first)");
    assertThat(outcome.status()).isEqualTo(1);
  }

  /** The README's old ACL example: Read on the topic, but on a group the job does not use. */
  @Test
  void noReadOnTheJobsGroupIsTheStartLineAndOneErrorLine(LocalKafka kafka) throws Exception {
    SecuredClients.allow(kafka, "alice", ResourceType.TOPIC, "refusals-in", AclOperation.READ, AclOperation.DESCRIBE);
    SecuredClients.allow(kafka, "alice", ResourceType.GROUP, "wordcount", AclOperation.READ);
    Path alice = SecuredClients.propertiesFile(dir.resolve("alice.properties"), kafka.clientConfig("alice"));
    Outcome outcome = run(kafka.bootstrapServers(), "refusals-in", "--consumer.config", alice.toString());
    assertThat(outcome.stderr()).as(String.join("\n", outcome.stderr())).hasSize(3);
    assertThat(outcome.stderr().get(0)).startsWith("Reading topics [refusals-in] from ");
    assertThat(outcome.stderr().get(1)).isEqualTo("error: Not authorized to access group: wordcount-direct (check "
        + "this user's Read ACL on group 'wordcount-direct')");
    assertThat(outcome.stderr().get(2)).startsWith("summary batches=0 ");
    assertThat(outcome.status()).isEqualTo(1);
  }
}
