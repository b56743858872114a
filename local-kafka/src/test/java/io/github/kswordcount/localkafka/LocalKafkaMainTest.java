package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command lines that fail before any broker starts: one line on stderr, exit code 2. */
class LocalKafkaMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @ParameterizedTest
  @ValueSource(strings = {"lab:x", ":3", "lab:0", "lab:", "lab:-1", "lab:+2", ":"})
  void rejectsAMalformedTopic(String topic) {
    assertUsageError("error: --topic '" + topic + "' is invalid: use NAME or NAME:PARTITIONS with PARTITIONS >= 1",
        "--topic", topic);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "naïve", "..", "x/y:2"})
  void rejectsATopicNameKafkaWouldRefuse(String topic) {
    assertUsageError("error: --topic '" + topic + "' is invalid: a topic name has 1 to 249 of the characters"
        + " a-z, A-Z, 0-9, '.', '_' and '-', and is not '.' or '..'", "--topic", topic);
  }

  @Test
  void rejectsTheSameTopicWithTwoPartitionCounts() {
    assertUsageError("error: --topic 'lab:3' is invalid: topic 'lab' is already given with 2 partition(s)",
        "--topic", "lab:2", "--topic", "lab:3");
  }

  @Test
  void rejectsAnUnknownOption() {
    assertUsageError("error: unknown option '--partitions': see --help", "--partitions", "3");
  }

  @Test
  void rejectsAStrayArgument() {
    assertUsageError("error: unexpected argument 'lab': see --help", "lab");
  }

  @Test
  void doesNotReadArgumentsFromAnAtFile() {
    assertUsageError("error: unexpected argument '@args.txt': see --help", "@args.txt");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "0", "three", "-1"})
  void rejectsANodeCountOtherThanOneOrThree(String nodes) {
    assertUsageError("error: --nodes '" + nodes + "' is invalid: use 1 or 3", "--nodes", nodes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "0", "all", "-1"})
  void rejectsAControllerCountOtherThanOneOrTheNodes(String controllers) {
    assertUsageError("error: --controllers '" + controllers + "' is invalid: use 1, or the number of nodes (3)",
        "--nodes", "3", "--controllers", controllers);
  }

  @Test
  void oneNodeIsItsOwnController() {
    assertUsageError("error: --controllers '3' is invalid: use 1, or the number of nodes (1)", "--controllers", "3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "65536", "-1", "+80", ""})
  void rejectsAPortOutsideTheRange(String port) {
    assertUsageError("error: --port '" + port + "' is invalid: use a number from 0 to 65535 (0 picks a free port)",
        "--port", port);
  }

  @Test
  void leavesRoomForThreeConsecutivePortsWithThreeNodes() {
    assertUsageError("error: --port '65534' is invalid: use a number from 0 to 65533 (0 picks a free port)",
        "--nodes", "3", "--port", "65534");
  }

  @Test
  void rejectsAnOptionWithoutItsValue() {
    assertUsageError("error: Expected a value after parameter --port: see --help", "--port");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", ":pw", "al ice:pw", "alice:", "alice:with,comma"})
  void rejectsAMalformedUserWithoutShowingItsPassword(String user) {
    String shown = user.contains(":") ? user.substring(0, user.indexOf(':')) + ":***" : user;
    assertUsageError("error: --user '" + shown + "' is invalid: use NAME:PASSWORD, NAME of letters, digits, '.',"
        + " '_', '-' and '@', PASSWORD not empty and without ','", "--user", user);
  }

  @Test
  void rejectsTheSameUserTwice() {
    assertUsageError("error: --user 'alice:***' is invalid: user 'alice' is already given",
        "--user", "alice:one", "--user", "alice:two");
  }

  @Test
  void printsUsageOnStdoutForHelp() {
    int code = run("--help");

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("Usage: java -jar local-kafka.jar [options]")
        .contains("--port", "--data-dir", "--topic", "--nodes", "--controllers", "--user", "--help",
            "see topics --help", "see acls --help")
        .contains("\n  security.protocol=SASL_PLAINTEXT\n  sasl.mechanism=SCRAM-SHA-256\n  sasl.jaas.config="
            + "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\""
            + " password=\"alice-secret\";\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private void assertUsageError(String expectedLine, String... args) {
    int code = run(args);

    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(expectedLine + "\n");
    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private int run(String... args) {
    return LocalKafkaMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(1));
  }
}
