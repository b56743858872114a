package io.github.kswordcount.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad command lines and unreachable brokers, ours against Kafka's tool: the same exit status, and the same
 * first line where Kafka prints a message; where Kafka prints a stack trace, ours prints its message in one
 * {@code error:} line. (Unknown options, missing arguments and missing required options: {@link ConsumerParityIT}.)
 */
class ConsumerErrorsIT {

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--bootstrap-server localhost:9092",
      "--bootstrap-server localhost:9092 --topic t --offset 5",
      "--bootstrap-server localhost:9092 --topic t --partition 0 --group g",
      "--bootstrap-server localhost:9092 --topic t --partition 0 --offset -3",
      "--bootstrap-server localhost:9092 --topic t --formatter no.such.Formatter",
      "--bootstrap-server localhost:9092 --topic t --from-beginning --consumer-property auto.offset.reset=latest",
      "--bootstrap-server localhost:9092 --topic t --group a --consumer-property group.id=b",
      "--help",
      "--version"})
  void printsKafkasMessageAndExitStatus(String commandLine) {
    String[] args = commandLine.split(" ");
    JavaTool.Both both = JavaTool.runBoth(Tools.KAFKA, Tools.OURS, new byte[0], TOOL_TIMEOUT, args);
    JavaTool.Result ours = both.ours();
    JavaTool.Result kafkas = both.kafka();
    assertThat(ours.exitCode()).isEqualTo(kafkas.exitCode());
    assertThat(ours.firstErrorLine()).isEqualTo(kafkas.firstErrorLine());
    assertThat(ours.out()).isEqualTo(kafkas.out());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--bootstrap-server no-such-host.invalid:9092 --topic t|No resolvable bootstrap urls given in bootstrap.servers",
      "--bootstrap-server localhost:9092 --topic t --partition x|Cannot parse argument 'x' of option partition",
      "--bootstrap-server localhost:9092 --topic t --consumer.config /no/such/file|/no/such/file"})
  void saysInOneLineWhatKafkaSaysInAStackTrace(String commandLine, String message) {
    String[] args = commandLine.split(" ");
    JavaTool.Both both = JavaTool.runBoth(Tools.KAFKA, Tools.OURS, new byte[0], TOOL_TIMEOUT, args);
    JavaTool.Result ours = both.ours();
    JavaTool.Result kafkas = both.kafka();
    assertThat(kafkas.exitCode()).isEqualTo(1);
    assertThat(kafkas.stderr()).contains(message).contains("\tat ");
    assertThat(ours.exitCode()).isEqualTo(1);
    assertThat(ours.stderr().lines().filter(line -> line.contains(message))).singleElement().asString()
        .doesNotContain("\tat ");
    assertThat(ours.stderr()).doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource("--bootstrap-server localhost:1 --topic t --timeout-ms 1000")
  void aBrokerThatCannotBeReachedEndsAtTheTimeoutWithTheCountAsKafkas(String commandLine) {
    String[] args = commandLine.split(" ");
    JavaTool.Both both = JavaTool.runBoth(Tools.KAFKA, Tools.OURS, new byte[0], TOOL_TIMEOUT, args);
    JavaTool.Result ours = both.ours();
    JavaTool.Result kafkas = both.kafka();
    assertThat(ours.exitCode()).isEqualTo(kafkas.exitCode()).isZero();
    assertThat(ours.processedLine()).isEqualTo(kafkas.processedLine()).isEqualTo("Processed a total of 0 messages");
  }
}
