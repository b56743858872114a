package io.github.kswordcount.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad command lines and unreachable brokers, ours against Kafka's tool: the same exit status, and the same
 * first line where Kafka prints a message; where Kafka prints a stack trace, ours prints its message in one
 * {@code error:} line. (Unknown options, missing arguments and missing required options: {@link ProducerParityIT}.)
 */
class ProducerErrorsIT {

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final byte[] INPUT = "a\tb\n".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--bootstrap-server localhost --topic t",
      "--bootstrap-server localhost:9092 --topic t --topic u",
      "--bootstrap-server localhost:9092 --topic t --batch-size x",
      "--help",
      "--version"})
  void printsKafkasMessageAndExitStatus(String commandLine) {
    String[] args = commandLine.split(" ");
    JavaTool.Both both = JavaTool.runBoth(Tools.KAFKA, Tools.OURS, INPUT, TOOL_TIMEOUT, args);
    JavaTool.Result ours = both.ours();
    JavaTool.Result kafkas = both.kafka();
    assertThat(ours.exitCode()).isEqualTo(kafkas.exitCode());
    assertThat(ours.firstErrorLine()).isEqualTo(kafkas.firstErrorLine());
    assertThat(ours.out()).isEqualTo(kafkas.out());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--bootstrap-server localhost:9092 --topic t --property null.marker=,|"
          + "null.marker and headers.separator may not be equal",
      "--bootstrap-server no-such-host.invalid:9092 --topic t|No resolvable bootstrap urls given in bootstrap.servers",
      "--bootstrap-server localhost:9092 --topic t --producer.config /no/such/file|/no/such/file"})
  void saysInOneLineWhatKafkaSaysInAStackTrace(String commandLine, String message) {
    String[] args = commandLine.split(" ");
    JavaTool.Both both = JavaTool.runBoth(Tools.KAFKA, Tools.OURS, INPUT, TOOL_TIMEOUT, args);
    JavaTool.Result ours = both.ours();
    JavaTool.Result kafkas = both.kafka();
    assertThat(kafkas.exitCode()).isEqualTo(1);
    assertThat(kafkas.stderr()).contains(message).contains("\tat ");
    assertThat(ours.exitCode()).isEqualTo(1);
    assertThat(ours.stderr().lines().filter(line -> line.startsWith("error: ")))
        .singleElement().asString().contains(message);
    assertThat(ours.stderr()).doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource("--bootstrap-server localhost:1 --topic t --max-block-ms 500")
  void aBrokerThatCannotBeReachedFailsTheRunUnlikeKafkasWhichExits0(String commandLine) {
    String[] args = commandLine.split(" ");
    JavaTool.Both both = JavaTool.runBoth(Tools.KAFKA, Tools.OURS, INPUT, TOOL_TIMEOUT, args);
    JavaTool.Result ours = both.ours();
    assertThat(ours.exitCode()).isEqualTo(1);
    assertThat(ours.stderr()).contains("error: line 1 was not sent to topic 't': TimeoutException: Topic t not "
        + "present in metadata after 500 ms.");
    assertThat(both.kafka().exitCode()).isZero();
  }
}
