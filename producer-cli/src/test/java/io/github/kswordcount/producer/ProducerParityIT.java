package io.github.kswordcount.producer;

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
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our producer and Kafka 3.9.2's, each run as a process on the same input into its own 3-partition topic,
 * write the same records: keys, values, headers, and for keyed records the partition (unkeyed records are
 * spread by the sticky partitioner, whose choice is not part of the contract). Exit statuses agree too. A bad
 * command line gets the same error line, exit status and usage (both print it with jopt-simple).
 */
@ExtendWith(LocalKafkaExtension.class)
class ProducerParityIT {

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  /** The options only our producer has (Kafka 4's names): left out of the usage compared. */
  private static final Set<String> OURS_ONLY = Set.of("reader-property", "command-config", "command-property");
  private static String bootstrap;
  private static Path producerConfig;

  @BeforeAll
  static void broker(LocalKafka kafka, @TempDir Path dir) throws IOException {
    bootstrap = kafka.bootstrapServers();
    producerConfig = Files.writeString(dir.resolve("producer.properties"),
        "partitioner.class=" + RoundRobinPartitioner.class.getName() + "\n", StandardCharsets.ISO_8859_1);
  }

  static List<Arguments> cases() {
    String keyed = IntStream.range(0, 40).mapToObj(i -> "key-" + i + "\tvalue " + i + "\n").reduce("", String::concat);
    return List.of(
        Arguments.of("plain", utf8("Hi how are you?\n\n\nПривет, мир 😀 日本語\r\nCRLF line\r\nlone CR\rtab\tinside\n"
            + "  spaces  \nlast line without newline"), new String[0]),
        Arguments.of("keyed", utf8(keyed + "k\tv\twith tab\n\tempty key\n"), props("parse.key=true")),
        Arguments.of("custom-separator", utf8("a::1\nb::2::3\nключ::значение\n"),
            props("parse.key=true", "key.separator=::")),
        Arguments.of("headers", utf8("h1:v1,h2:v2\tkey\tvalue\nh:a:b\tk2\tv2\nx:1\t\t\nd:1,a:,d:2,d:3\tk3\tv3\n"),
            props("parse.headers=true", "parse.key=true")),
        Arguments.of("null-marker", utf8("NULL\tNULL\tNULL\nh:NULL\tk\tNULL\nh:x\tNULL\tv\n"),
            props("parse.headers=true", "parse.key=true", "null.marker=NULL")),
        Arguments.of("malformed", utf8("k1\tv1\nk2\tv2\nno separator\nk3\tv3\n"), props("parse.key=true")),
        Arguments.of("malformed-ignored", utf8("k1\tv1\nno separator\nk3\tv3\n"),
            props("parse.key=true", "ignore.error=true")),
        Arguments.of("invalid-utf8", new byte[] {'a', (byte) 0xFF, '\n', (byte) 0xE2, (byte) 0x82, '\n', 'k',
            (byte) 0xC3, '\t', 'v', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, new String[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writesTheSameRecordsAsKafkasProducer(String name, byte[] input, String[] properties, LocalKafka kafka) {
    String ours = "ours-" + name;
    String theirs = "kafka-" + name;
    kafka.createTopic(ours, 3, 1);
    kafka.createTopic(theirs, 3, 1);
    JavaTool.Both both = JavaTool.runBoth(
        Tools.KAFKA, args(theirs, properties),
        Tools.OURS, args(ours, properties),
        input, TOOL_TIMEOUT);
    JavaTool.Result ourRun = both.ours();
    JavaTool.Result kafkaResult = both.kafka();

    assertThat(ourRun.exitCode()).as("exit status (ours: %s)", ourRun.stderr()).isEqualTo(kafkaResult.exitCode());
    List<String> expected = KafkaIo.recordLines(KafkaIo.readAll(bootstrap, theirs, "read_uncommitted"));
    assertThat(KafkaIo.recordLines(KafkaIo.readAll(bootstrap, ours, "read_uncommitted"))).isEqualTo(expected);
    assertThat(expected).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown option|--bootstrap-server localhost:9092 --topic t --no-such-flag|"
          + "no-such-flag is not a recognized option",
      "unknown one-dash option|--bootstrap-server localhost:9092 --topic t -xyz|x is not a recognized option",
      "missing argument|--bootstrap-server localhost:9092 --topic|Option topic requires an argument",
      "missing property argument|--bootstrap-server localhost:9092 --topic t --property|"
          + "Option property requires an argument",
      "missing required option|--topic t|Missing required option(s) [bootstrap-server]",
      "missing required topic|--bootstrap-server localhost:9092|Missing required argument \"[topic]\""})
  void refusesABadCommandLineAsKafkasProducerDoes(String name, String commandLine, String errorLine) {
    JavaTool.runBoth(Tools.KAFKA, Tools.OURS, new byte[0], TOOL_TIMEOUT, commandLine.split(" "))
        .assertRefusedAlike(errorLine, OURS_ONLY);
  }

  /**
   * Kafka 4's names ({@code --reader-property}, {@code --command-config}, {@code --command-property}) given to ours
   * do what Kafka 3.9's tool does with the 3.9 names: the same record (headers in order with a repeated key, the
   * key, a null value from {@code null.marker}), in the same partition, and the same stdout, stderr and exit
   * status. The file's round-robin partitioner puts the keyed record in another partition than its key's hash
   * would, so the file is seen to be read.
   */
  @Test
  void kafka4NamesWriteWhatKafka39WritesForItsNames(LocalKafka kafka) {
    kafka.createTopic("ours-kafka4", 3, 1);
    kafka.createTopic("kafka-kafka4", 3, 1);
    String[] reader = {"parse.key=true", "parse.headers=true", "null.marker=NULL"};
    List<String> theirs = new ArrayList<>(List.of(args("kafka-kafka4", reader)));
    theirs.addAll(List.of("--producer.config", producerConfig.toString(), "--producer-property", "client.id=k4"));
    List<String> ours = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", "ours-kafka4"));
    for (String property : reader) {
      ours.addAll(List.of("--reader-property", property));
    }
    ours.addAll(List.of("--command-config", producerConfig.toString(), "--command-property", "client.id=k4"));
    JavaTool.Both both = JavaTool.runBoth(Tools.KAFKA, theirs.toArray(String[]::new), Tools.OURS,
        ours.toArray(String[]::new), utf8("h:1,h:2,g:NULL\tk\tNULL\n"), TOOL_TIMEOUT);

    List<ConsumerRecord<byte[], byte[]>> written = KafkaIo.readAll(bootstrap, "ours-kafka4", "read_uncommitted");
    assertThat(KafkaIo.recordLines(written))
        .isEqualTo(KafkaIo.recordLines(KafkaIo.readAll(bootstrap, "kafka-kafka4", "read_uncommitted")))
        .containsExactly(written.get(0).partition() + "|k|<null>|[h=1,h=2,g=<null>]");
    assertThat(written.get(0).partition()).isNotEqualTo(Utils.toPositive(Utils.murmur2(utf8("k"))) % 3);
    assertThat(both.ours().out()).isEqualTo(both.kafka().out()).isEmpty();
    assertThat(both.ours().stderr()).isEqualTo(both.kafka().stderrWithoutSlf4jNotes());
    assertThat(both.ours().exitCode()).isEqualTo(both.kafka().exitCode()).isZero();
  }

  private static String[] args(String topic, String[] properties) {
    List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", topic));
    for (String property : properties) {
      args.add("--property");
      args.add(property);
    }
    return args.toArray(String[]::new);
  }

  private static byte[] utf8(String input) {
    return input.getBytes(StandardCharsets.UTF_8);
  }

  private static String[] props(String... properties) {
    return properties;
  }
}
