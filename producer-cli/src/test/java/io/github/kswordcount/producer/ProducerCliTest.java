package io.github.kswordcount.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.NotKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProducerCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpPrintsTheHeaderAndEveryOptionSortedOnStderrAndExits1() {
    assertThat(run("", "--help")).isEqualTo(1);
    String usage = err();
    assertThat(usage).startsWith(ProducerOptions.HELP_HEADER + "\nOption");
    assertThat(usage.indexOf("--batch-size")).isLessThan(usage.indexOf("--bootstrap-server"));
    assertThat(usage.indexOf("--timeout")).isLessThan(usage.indexOf("--topic"));
    assertThat(usage).contains("--compression-codec [String:", "--sync", "--version",
        "--producer.config <String: config file>");
    assertThat(out()).isEmpty();
  }

  @Test
  void versionPrintsKafkasVersionOnStdout() {
    assertThat(run("", "--version")).isZero();
    assertThat(out()).isEqualTo("3.9.2\n");
  }

  @Test
  void noArgumentsIsTheMissingBootstrapServerError() {
    assertThat(run("")).isEqualTo(1);
    assertThat(err()).startsWith("Missing required option(s) [bootstrap-server]\nOption");
  }

  @Test
  void anUnknownFlagPrintsKafkasMessageThenTheUsage() {
    assertThat(run("", "--bootstrap-server", "h:1", "--topic", "t", "--no-such-flag")).isEqualTo(1);
    assertThat(err()).startsWith("no-such-flag is not a recognized option\nOption ");
  }

  @Test
  void aBadLineStopsTheToolWithItsNumber() {
    int status = run("k\tv\nno separator\n", "--bootstrap-server", "localhost:1", "--topic", "t",
        "--property", "parse.key=true", "--max-block-ms", "300");
    assertThat(status).isEqualTo(1);
    assertThat(err()).contains("error: No key separator found on line number 2: 'no separator'");
  }

  @Test
  void anHttpServerOnThePortEndsWithinMaxBlockMsNamingEachLineAndWhatToCheck() {
    try (NotKafka http = NotKafka.start()) {
      int status = run("one\ntwo\n", "--bootstrap-server", http.address(), "--topic", "t", "--max-block-ms", "1500");

      assertThat(status).isEqualTo(1);
      assertThat(err().lines().filter(l -> l.startsWith("error: ")).toList()).containsExactly(
          "error: line 1 was not sent to topic 't': TimeoutException: Topic t not present in metadata after 1500 ms."
              + " (check that a Kafka broker answers at --bootstrap-server and that topic 't' exists)",
          "error: line 2 was not sent to topic 't': TimeoutException: Topic t not present in metadata after 1500 ms."
              + " (check that a Kafka broker answers at --bootstrap-server and that topic 't' exists)",
          "error: 2 of 2 records were not sent");
      assertThat(err()).doesNotContain("\tat ");
      assertThat(out()).isEmpty();
    }
  }

  @Test
  void recordsThatCannotBeSentAreNamedByLineAndMakeTheExitStatus1() {
    int status = run("a\nb\n", "--bootstrap-server", "localhost:1", "--topic", "t", "--max-block-ms", "200");
    assertThat(status).isEqualTo(1);
    assertThat(err()).contains(
        "error: line 1 was not sent to topic 't': TimeoutException: Topic t not present in metadata after 200 ms.",
        "error: line 2 was not sent to topic 't': TimeoutException: Topic t not present in metadata after 200 ms.",
        "error: 2 of 2 records were not sent");
  }

  @Test
  void aProducerConfigErrorIsOneLine() {
    assertThat(run("", "--bootstrap-server", "h:1", "--topic", "t", "--request-required-acks", "2")).isEqualTo(1);
    assertThat(err())
        .isEqualTo("error: Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1\n");
  }

  @Test
  void anUnknownReaderClassIsOneLine() {
    assertThat(run("", "--bootstrap-server", "localhost:1", "--topic", "t", "--line-reader", "no.such.Reader"))
        .isEqualTo(1);
    assertThat(err()).startsWith("error: cannot load --line-reader no.such.Reader: java.lang.ClassNotFoundException");
  }

  private int run(String stdin, String... args) {
    return ProducerCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
