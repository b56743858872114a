package io.github.kswordcount.kafka4;

import static io.github.kswordcount.localkafka.KafkaIo.header;
import static io.github.kswordcount.localkafka.KafkaIo.record;
import static io.github.kswordcount.localkafka.KafkaIo.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.KafkaIo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * consumer-cli against Kafka 4.x's own console consumer ({@code org.apache.kafka.tools.consumer.ConsoleConsumer} of
 * kafka-tools 4.x, on Kafka 4's class path) on a Kafka 4 broker, in consumer-cli's parity frame: the same bytes on
 * stdout, the same {@code Processed a total of N messages} line, the same exit status; a bad command line gets the
 * same first line. With {@code group.protocol=consumer} (KIP-848) each reads in a group of its own, of the new type.
 * Kafka 4 dropped {@code --whitelist}, which we keep.
 */
@ExtendWith(Kafka4Extension.class)
class ConsumerCliKafka4IT {

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final JavaTool OURS = JavaTool.jar(Path.of("..", "consumer-cli", "target", "consumer-cli.jar"));
  /** Options Kafka 4.4's console consumer has and our 3.9-line one does not (yet). */
  private static final List<String> NEW_IN_KAFKA_4 = List.of("--command-config", "--command-property",
      "--formatter-property");
  private static final String SINGLE = "c4-single";
  private static final int SINGLE_COUNT = 8;
  private static final String LINES = "c4-lines";
  private static final int LINES_COUNT = 200;
  /** The deprecated options of Kafka 4.4's console consumer the cases use, in the order it names them, with their new
   *  names. */
  private static final List<Map.Entry<String, String>> DEPRECATED = List.of(
      Map.entry("--consumer-property", "--command-property"), Map.entry("--property", "--formatter-property"));
  /** Replaced by a group of each tool's own, so that the two never share partitions. */
  private static final String GROUP = "GROUP";
  private static JavaTool kafka4;
  private static String bootstrap;

  @BeforeAll
  static void topics(Kafka4Broker kafka) {
    kafka4 = kafka.tool("org.apache.kafka.tools.consumer.ConsoleConsumer");
    bootstrap = kafka.bootstrapServers();
    kafka.createTopic(SINGLE, 1);
    kafka.createTopic(LINES, 1);
    long now = System.currentTimeMillis();
    KafkaIo.sendBytes(bootstrap, List.of(
        record(SINGLE, null, now + 1, utf8("k1"), utf8("v1")),
        record(SINGLE, null, now + 2, null, utf8("unkeyed")),
        record(SINGLE, null, now + 3, utf8("tomb"), null),
        record(SINGLE, null, now + 4, utf8("h"), utf8("with headers"), header("h1", "v1"), header("h2", null),
            header("ключ", "значение")),
        record(SINGLE, null, now + 5, new byte[] {0, 1, (byte) 0xFF, '\n'}, new byte[] {(byte) 0x80, '\r', '\n', 0}),
        record(SINGLE, null, now + 6, utf8("Ключ 😀"), utf8("Значение 日本語")),
        record(SINGLE, null, now + 7, utf8(""), utf8("")),
        record(SINGLE, null, now + 8, null, utf8("last"))));
    KafkaIo.produceLines(bootstrap, LINES, IntStream.range(0, LINES_COUNT).mapToObj(i -> "line " + i).toList());
  }

  /** One line a case: its name, the count both print, then the options both get after --bootstrap-server. */
  static List<Arguments> cases() {
    String all = Integer.toString(SINGLE_COUNT);
    return List.of(
        of("plain", SINGLE_COUNT, "--topic", SINGLE, "--from-beginning", "--max-messages", all),
        of("keys-and-properties", SINGLE_COUNT, "--topic", SINGLE, "--from-beginning", "--max-messages", all,
            "--property", "print.timestamp=true", "--property", "print.key=true", "--property", "print.partition=true",
            "--property", "print.offset=true", "--property", "print.headers=true"),
        of("group-protocol-consumer", LINES_COUNT, "--topic", LINES, "--group", GROUP, "--from-beginning",
            "--max-messages", Integer.toString(LINES_COUNT), "--consumer-property", "group.protocol=consumer"));
  }

  private static Arguments of(String name, int count, String... options) {
    return Arguments.of(name, count, List.of(options));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsTheSameBytesAsKafka4sConsumer(String name, int count, List<String> options, Kafka4Broker kafka) {
    String kafkaGroup = "c4-" + name + "-kafka";
    String ourGroup = "c4-" + name + "-ours";
    JavaTool.Both both =
        JavaTool.runBoth(kafka4, args(options, kafkaGroup), OURS, args(options, ourGroup), new byte[0], TOOL_TIMEOUT);

    // Kafka 4.4 writes a notice per deprecated option to stdout, before the records; ours writes none.
    String notices = DEPRECATED.stream().filter(option -> options.contains(option.getKey()))
        .map(option -> "Option " + option.getKey() + " is deprecated and will be removed in a future version. Use "
            + option.getValue() + " instead.\n").collect(Collectors.joining());
    assertThat(both.kafka().out()).startsWith(notices);
    byte[] kafkasRecords = Arrays.copyOfRange(both.kafka().stdout(), utf8(notices).length, both.kafka().stdout().length);
    new JavaTool.Both(new JavaTool.Result(both.kafka().exitCode(), kafkasRecords, both.kafka().stderr()), both.ours())
        .assertConsumedAlike(count);

    if (options.contains(GROUP)) {
      // Both left their offsets alike, in a group of the protocol they asked for.
      assertThat(KafkaIo.committed(bootstrap, ourGroup)).isEqualTo(KafkaIo.committed(bootstrap, kafkaGroup))
          .isEqualTo(Map.of(new TopicPartition(LINES, 0), (long) count));
      GroupType type = options.contains("group.protocol=consumer") ? GroupType.CONSUMER : GroupType.CLASSIC;
      assertThat(kafka.groupType(ourGroup)).isEqualTo(kafka.groupType(kafkaGroup)).isEqualTo(type);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "misspelt option|--bootstrap-server localhost:9092 --topic t --from-begining|"
          + "from-begining is not a recognized option",
      "missing argument|--bootstrap-server localhost:9092 --topic t --partition|Option partition requires an argument"})
  void refusesABadCommandLineAsKafka4sConsumerDoes(String name, String commandLine, String errorLine) {
    JavaTool.Both both = JavaTool.runBoth(kafka4, OURS, new byte[0], TOOL_TIMEOUT, commandLine.split(" "));
    both.assertRefusedAlikeApartFromTheUsage(errorLine);
    List<String> kafkas = ProducerCliKafka4IT.optionNames(both.kafka());
    List<String> ours = ProducerCliKafka4IT.optionNames(both.ours());
    // Ours keeps 3.9's --whitelist and adds kcat's habits; none of these is a Kafka 4.4 flag.
    assertThat(ours.stream().filter(option -> !kafkas.contains(option)))
        .containsExactlyInAnyOrder("--whitelist", "--exit-at-end", "--format", "--from-time", "--to-time");
    assertThat(kafkas.stream().filter(option -> !ours.contains(option))).isSubsetOf(NEW_IN_KAFKA_4);
  }

  @Test
  void whitelistIsRefusedByKafka4sConsumerAndStillTakenByOurs() {
    String[] args = {"--bootstrap-server", bootstrap, "--whitelist", LINES, "--from-beginning", "--max-messages", "2"};
    JavaTool.Both both = JavaTool.runBoth(kafka4, OURS, new byte[0], TOOL_TIMEOUT, args);

    assertThat(both.kafka().exitCode()).isEqualTo(1);
    assertThat(both.kafka().firstErrorLine()).isEqualTo("whitelist is not a recognized option");
    assertThat(both.ours().exitCode()).as(both.ours().stderr()).isZero();
    assertThat(both.ours().out()).isEqualTo("line 0\nline 1\n");
  }

  /** Both wait for the topic until --timeout-ms, print nothing and exit 0, the client's warning naming the cause. */
  @Test
  void aTopicThatDoesNotExistIsWaitedForUntilTheTimeoutAsByKafka4sConsumer() {
    String[] args = {"--bootstrap-server", bootstrap, "--topic", "c4-absent", "--timeout-ms", "3000"};
    JavaTool.Both both = JavaTool.runBoth(kafka4, OURS, new byte[0], TOOL_TIMEOUT, args);

    assertThat(both.ours().exitCode()).isEqualTo(both.kafka().exitCode()).isZero();
    assertThat(both.ours().processedLine()).isEqualTo(both.kafka().processedLine())
        .isEqualTo("Processed a total of 0 messages");
    assertThat(both.ours().out()).isEqualTo(both.kafka().out()).isEmpty();
    assertThat(List.of(both.ours().stderr(), both.kafka().stderr()))
        .allSatisfy(stderr -> assertThat(stderr).contains("{c4-absent=UNKNOWN_TOPIC_OR_PARTITION}"));
  }

  private static String[] args(List<String> options, String group) {
    List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap));
    options.forEach(option -> args.add(option.equals(GROUP) ? group : option));
    return args.toArray(String[]::new);
  }

}
