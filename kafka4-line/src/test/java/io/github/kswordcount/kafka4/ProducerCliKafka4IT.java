package io.github.kswordcount.kafka4;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.KafkaIo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * producer-cli against Kafka 4.x's own console producer ({@code org.apache.kafka.tools.ConsoleProducer} of
 * kafka-tools 4.x, on Kafka 4's class path) on a Kafka 4 broker, in producer-cli's parity frame: each writes the same
 * input into its own 3-partition topic, and both write the same records and exit alike; a bad command line gets the
 * same first line and exit status. Kafka 4 dropped {@code --broker-list}, which we keep (the lab uses it).
 */
@ExtendWith(Kafka4Extension.class)
class ProducerCliKafka4IT {

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final JavaTool OURS = JavaTool.jar(Path.of("..", "producer-cli", "target", "producer-cli.jar"));
  /** Options Kafka 4.4's console producer has and our 3.9-line one does not (yet). */
  private static final List<String> NEW_IN_KAFKA_4 = List.of("--command-config", "--command-property",
      "--reader-property");
  private static JavaTool kafka4;
  private static String bootstrap;

  @BeforeAll
  static void tools(Kafka4Broker kafka) {
    kafka4 = kafka.tool("org.apache.kafka.tools.ConsoleProducer");
    bootstrap = kafka.bootstrapServers();
  }

  /** One line a case: its name, the input, then the options both get after --bootstrap-server and --topic. */
  static List<Arguments> cases() {
    return List.of(
        of("plain", "Hi how are you?\n\nПривет, мир 😀 日本語\r\nCRLF line\r\nlast line without newline"),
        of("keys-and-headers", "h1:v1,h2:v2\tkey-1\tvalue 1\nh:a:b\tключ\tзначение\nx:1\t\t\n",
            "--property", "parse.key=true", "--property", "parse.headers=true"));
  }

  private static Arguments of(String name, String input, String... options) {
    return Arguments.of(name, input.getBytes(StandardCharsets.UTF_8), List.of(options));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writesTheSameRecordsAsKafka4sProducer(String name, byte[] input, List<String> options, Kafka4Broker kafka) {
    String ours = "p4-ours-" + name;
    String theirs = "p4-kafka-" + name;
    kafka.createTopic(ours, 3);
    kafka.createTopic(theirs, 3);

    JavaTool.Both both = JavaTool.runBoth(kafka4, args(theirs, options), OURS, args(ours, options), input,
        TOOL_TIMEOUT);

    assertThat(both.ours().exitCode()).as("exit status (ours: %s)", both.ours().stderr())
        .isEqualTo(both.kafka().exitCode()).isZero();
    List<String> expected = KafkaIo.recordLines(KafkaIo.readAll(bootstrap, theirs, "read_uncommitted"));
    assertThat(KafkaIo.recordLines(KafkaIo.readAll(bootstrap, ours, "read_uncommitted"))).isEqualTo(expected);
    assertThat(expected).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown option|--bootstrap-server localhost:9092 --topic t --no-such-flag|"
          + "no-such-flag is not a recognized option",
      "missing argument|--bootstrap-server localhost:9092 --topic|Option topic requires an argument"})
  void refusesABadCommandLineAsKafka4sProducerDoes(String name, String commandLine, String errorLine) {
    JavaTool.Both both = JavaTool.runBoth(kafka4, OURS, new byte[0], TOOL_TIMEOUT, commandLine.split(" "));
    both.assertRefusedAlikeApartFromTheUsage(errorLine);
    // The usages list the same options but for Kafka 4's renames: it dropped --broker-list and added new names.
    List<String> kafkas = optionNames(both.kafka());
    List<String> ours = optionNames(both.ours());
    assertThat(ours.stream().filter(option -> !kafkas.contains(option))).containsExactly("--broker-list");
    assertThat(kafkas.stream().filter(option -> !ours.contains(option))).isSubsetOf(NEW_IN_KAFKA_4);
  }

  @Test
  void brokerListIsRefusedByKafka4sProducerAndStillTakenByOurs(Kafka4Broker kafka) {
    kafka.createTopic("p4-broker-list", 1);
    String[] args = {"--broker-list", bootstrap, "--topic", "p4-broker-list"};
    JavaTool.Both both = JavaTool.runBoth(kafka4, OURS, "lab line\n".getBytes(StandardCharsets.UTF_8),
        TOOL_TIMEOUT, args);

    assertThat(both.kafka().exitCode()).isEqualTo(1);
    assertThat(both.kafka().firstErrorLine()).isEqualTo("broker-list is not a recognized option");
    assertThat(both.ours().exitCode()).as(both.ours().stderr()).isZero();
    assertThat(KafkaIo.readText(bootstrap, "p4-broker-list")).extracting(r -> r.value()).containsExactly("lab line");
  }

  /**
   * Kafka's tool logs each failed send and exits 0; ours asks the broker first (a Kafka 4.4 broker, topics not
   * created on first use) and says it in one line before anything is sent, exit 1. Ours bounds that look by
   * {@code max.block.ms} (at most 5 s): 5 s here, since with 1 s the look ran out once on the busy machine and ours
   * fell back to the producer's own reports, as Kafka's tool does.
   */
  @Test
  void aTopicThatDoesNotExistIsOneLineBeforeAnythingIsSent() {
    String[] args = {"--bootstrap-server", bootstrap, "--topic", "p4-absent", "--max-block-ms", "5000"};
    JavaTool.Both both = JavaTool.runBoth(kafka4, OURS, "a\nb\n".getBytes(StandardCharsets.UTF_8), TOOL_TIMEOUT,
        args);

    assertThat(both.kafka().exitCode()).isZero();
    assertThat(both.kafka().stderr()).contains("TimeoutException: Topic p4-absent not present in metadata after 5000 ms.");
    assertThat(both.ours().exitCode()).isEqualTo(1);
    assertThat(both.ours().stderr().lines().toList()).containsExactly("error: topic 'p4-absent' does not exist on "
        + bootstrap + ", and the broker does not create topics on first use: nothing was sent (create the topic first)");
  }

  private static String[] args(String topic, List<String> options) {
    List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", topic));
    args.addAll(options);
    return args.toArray(String[]::new);
  }

  /** The options of a usage, from its option column ({@code --topic <String: topic>} and its continuation lines). */
  static List<String> optionNames(JavaTool.Result result) {
    return result.usageOptionColumn().stream().filter(line -> line.startsWith("--"))
        .map(line -> line.split(" ")[0]).toList();
  }
}
