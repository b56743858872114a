package io.github.kswordcount.consumer;

import static io.github.kswordcount.localkafka.KafkaIo.header;
import static io.github.kswordcount.localkafka.KafkaIo.record;
import static io.github.kswordcount.localkafka.KafkaIo.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our consumer and Kafka 3.9.2's, each run as a process on the same topics, print the same bytes on stdout,
 * the same {@code Processed a total of N messages} line, and exit alike, for a table of options. The topics
 * hold keyed, unkeyed, null-valued, header-carrying, binary and Unicode records, broker-stamped records and
 * committed and aborted transactions. Multi-partition reads use {@code --partition}, whose order is fixed.
 * A bad command line gets the same error line, exit status and usage (both print it with jopt-simple).
 */
@ExtendWith(LocalKafkaExtension.class)
class ConsumerParityIT {

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final String SINGLE = "single";
  private static final int SINGLE_COUNT = 28;
  /** Recent timestamps: the broker's 7-day retention would delete older records once a segment rolls. */
  private static final long NOW = System.currentTimeMillis();
  /** The options only our consumer has (kcat's habits, Kafka 4's names): left out of the usage compared. */
  private static final Set<String> OURS_ONLY = Set.of("exit-at-end", "from-time", "to-time", "format",
      "command-config", "command-property", "formatter-property");
  private static String bootstrap;
  private static Path formatterConfig;
  private static Path consumerConfig;

  @BeforeAll
  static void topics(LocalKafka kafka, @TempDir Path dir) throws IOException {
    bootstrap = kafka.bootstrapServers();
    kafka.createTopic(SINGLE, 1, 1);
    kafka.createTopic("mixed", 2, 1);
    kafka.createTopic("tx", 1, 1);
    // The broker sets the timestamps.
    kafka.createTopic("appended", 1, 1, Map.of("message.timestamp.type", "LogAppendTime"));
    KafkaIo.sendBytes(bootstrap, singleRecords());
    KafkaIo.sendBytes(bootstrap, IntStream.range(0, 10).mapToObj(i -> record("mixed", i % 2, NOW + i,
        i % 3 == 0 ? null : utf8("key-" + i), utf8("value-" + i))).toList());
    KafkaIo.sendBytes(bootstrap, List.of(record("appended", null, NOW, utf8("a"), utf8("1")),
        record("appended", null, NOW, null, utf8("2"))));
    sendTransactions(bootstrap, "tx");
    formatterConfig = Files.writeString(dir.resolve("formatter.properties"),
        "print.key=true\nkey.separator=\\u0020|\\u0020\nline.separator=\\r\\n\nnull.literal=<nil>\nprint.headers=true\n"
            + "headers.separator=;\n", StandardCharsets.ISO_8859_1);
    consumerConfig = Files.writeString(dir.resolve("consumer.properties"), "auto.offset.reset=earliest\n",
        StandardCharsets.ISO_8859_1);
  }

  private static List<ProducerRecord<byte[], byte[]>> singleRecords() {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(List.of(
        record(SINGLE, null, NOW + 1, utf8("k1"), utf8("v1")),
        record(SINGLE, null, NOW + 2, null, utf8("unkeyed")),
        record(SINGLE, null, NOW + 3, utf8("tomb"), null),
        record(SINGLE, null, NOW + 4, null, null),
        record(SINGLE, null, NOW + 5, utf8("h"), utf8("with headers"), header("h1", "v1"), header("h2", null),
            header("ключ", "значение")),
        record(SINGLE, null, NOW + 6, new byte[] {0, 1, (byte) 0xFF, '\n'},
            new byte[] {(byte) 0x80, '\r', '\n', 0, (byte) 0xFE}),
        record(SINGLE, null, NOW + 7, utf8("Ключ 😀"), utf8("Значение 日本語")),
        record(SINGLE, null, NOW + 8, utf8(""), utf8(""))));
    IntStream.range(0, 20).forEach(i -> records.add(record(SINGLE, null, NOW + 1000 + i, null, utf8("line " + i))));
    return records;
  }

  static List<Arguments> cases() {
    String all = Integer.toString(SINGLE_COUNT);
    return List.of(
        of("default", SINGLE_COUNT, "--topic", SINGLE, "--from-beginning", "--max-messages", all),
        of("every-column", SINGLE_COUNT, "--topic", SINGLE, "--from-beginning", "--max-messages", all,
            "--property", "print.timestamp=true", "--property", "print.key=true", "--property", "print.partition=true",
            "--property", "print.offset=true", "--property", "print.headers=true"),
        of("no-value", SINGLE_COUNT, "--topic", SINGLE, "--from-beginning", "--max-messages", all,
            "--property", "print.value=false", "--property", "print.key=true", "--property", "null.literal=∅",
            "--property", "print.offset=true", "--property", "print.offset"),
        of("formatter-config", SINGLE_COUNT, "--topic", SINGLE, "--from-beginning", "--max-messages", all,
            "--formatter-config", "FORMATTER_CONFIG", "--property", "key.separator=\\t"),
        of("deserializers", SINGLE_COUNT, "--topic", SINGLE, "--from-beginning", "--max-messages", all,
            "--property", "print.key=true",
            "--key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
            "--property", "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer"),
        of("max-messages", 3, "--topic", SINGLE, "--from-beginning", "--max-messages", "3"),
        of("include", SINGLE_COUNT, "--include", "sing.*", "--from-beginning", "--max-messages", all,
            "--property", "print.key=true"),
        of("no-op-formatter", SINGLE_COUNT, "--topic", SINGLE, "--from-beginning", "--max-messages", all,
            "--formatter", "org.apache.kafka.tools.consumer.NoOpMessageFormatter"),
        of("partition-earliest", 5, "--topic", "mixed", "--partition", "1", "--offset", "earliest",
            "--max-messages", "5", "--property", "print.partition=true", "--property", "print.key=true"),
        // --timeout-ms bounds each poll, the first one too (metadata, the fetch): 3 s were not enough for Kafka's
        // tool, started without a class archive, on a busy CI machine (it printed nothing). Ended by the timeout.
        of("partition-offset", 3, "--topic", "mixed", "--partition", "0", "--offset", "2", "--max-messages", "5",
            "--timeout-ms", "10000", "--property", "print.offset=true"),
        of("partition-latest", 0, "--topic", "mixed", "--partition", "0", "--timeout-ms", "1500"),
        of("log-append-time", 2, "--topic", "appended", "--from-beginning", "--max-messages", "2",
            "--property", "print.timestamp=true"),
        of("read-committed", 5, "--topic", "tx", "--from-beginning", "--max-messages", "5",
            "--isolation-level", "read_committed", "--property", "print.offset=true"),
        of("read-uncommitted", 7, "--topic", "tx", "--from-beginning", "--max-messages", "7",
            "--isolation-level", "read_uncommitted", "--property", "print.offset=true"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsTheSameBytesAsKafkasConsumer(String name, int expectedCount, List<String> options) {
    JavaTool.runBoth(Tools.KAFKA, Tools.OURS, new byte[0], TOOL_TIMEOUT, args(options))
        .assertConsumedAlike(expectedCount);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "misspelt option|--bootstrap-server localhost:9092 --topic t --from-begining|"
          + "from-begining is not a recognized option",
      "abbreviated option|--bootstrap-server localhost:9092 --top t|top is not a recognized option",
      "missing argument|--bootstrap-server localhost:9092 --topic t --partition|Option partition requires an argument",
      "missing property argument|--bootstrap-server localhost:9092 --topic t --property|"
          + "Option property requires an argument",
      "missing required option|--topic t|Missing required argument \"[bootstrap-server]\""})
  void refusesABadCommandLineAsKafkasConsumerDoes(String name, String commandLine, String errorLine) {
    JavaTool.runBoth(Tools.KAFKA, Tools.OURS, new byte[0], TOOL_TIMEOUT, commandLine.split(" "))
        .assertRefusedAlike(errorLine, OURS_ONLY);
  }

  /**
   * Kafka 4's names ({@code --command-config}, {@code --command-property}, {@code --formatter-property}) given to
   * ours print exactly what Kafka 3.9's tool prints for the 3.9 names, on stdout and stderr, with its exit status.
   * Each has an effect on the output: the file's {@code auto.offset.reset=earliest} reads from the first record
   * without {@code --from-beginning}, the property's {@code read_committed} leaves the aborted records out, and the
   * formatter properties print offsets and keys.
   */
  @Test
  void kafka4NamesPrintWhatKafka39PrintsForItsNames() {
    List<String> common = List.of("--bootstrap-server", bootstrap, "--topic", "tx", "--max-messages", "5");
    List<String> theirs = new ArrayList<>(common);
    theirs.addAll(List.of("--consumer.config", consumerConfig.toString(),
        "--consumer-property", "isolation.level=read_committed",
        "--property", "print.offset=true", "--property", "print.key=true"));
    List<String> ours = new ArrayList<>(common);
    ours.addAll(List.of("--command-config", consumerConfig.toString(),
        "--command-property", "isolation.level=read_committed",
        "--formatter-property", "print.offset=true", "--formatter-property", "print.key=true"));
    JavaTool.Both both = JavaTool.runBoth(Tools.KAFKA, theirs.toArray(String[]::new), Tools.OURS,
        ours.toArray(String[]::new), new byte[0], TOOL_TIMEOUT);

    assertThat(both.ours().out()).isEqualTo(both.kafka().out())
        .isEqualTo("Offset:0\tnull\tplain-1\nOffset:1\ttx\tc1\nOffset:2\ttx\tc2\nOffset:7\ttx\tc3\n"
            + "Offset:9\tnull\tplain-2\n");
    assertThat(both.ours().stderr()).isEqualTo(both.kafka().stderrWithoutSlf4jNotes())
        .isEqualTo("Processed a total of 5 messages\n");
    assertThat(both.ours().exitCode()).isEqualTo(both.kafka().exitCode()).isZero();
  }

  /**
   * A plain record, two committed transactions around an aborted one, and a plain record again. The
   * timestamps are recent: the broker's retention deletes old ones as soon as a segment rolls.
   */
  private static void sendTransactions(String bootstrap, String topic) {
    KafkaIo.sendBytes(bootstrap, List.of(record(topic, 0, System.currentTimeMillis(), null, utf8("plain-1"))));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "console-parity"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      transaction(producer, topic, true, "c1", "c2");
      transaction(producer, topic, false, "a1", "a2");
      transaction(producer, topic, true, "c3");
    }
    KafkaIo.sendBytes(bootstrap, List.of(record(topic, 0, System.currentTimeMillis(), null, utf8("plain-2"))));
  }

  private static void transaction(KafkaProducer<byte[], byte[]> producer, String topic, boolean commit,
      String... values) {
    producer.beginTransaction();
    for (String value : values) {
      producer.send(record(topic, 0, System.currentTimeMillis(), utf8("tx"), utf8(value)));
    }
    producer.flush();
    if (commit) {
      producer.commitTransaction();
    } else {
      producer.abortTransaction();
    }
  }

  private static Arguments of(String name, int count, String... options) {
    return Arguments.of(name, count, List.of(options));
  }

  private static String[] args(List<String> options) {
    List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap));
    options.forEach(option -> args.add(option.equals("FORMATTER_CONFIG") ? formatterConfig.toString() : option));
    return args.toArray(String[]::new);
  }
}
