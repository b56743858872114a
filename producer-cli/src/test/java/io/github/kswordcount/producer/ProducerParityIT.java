package io.github.kswordcount.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
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
  private static String bootstrap;

  @BeforeAll
  static void broker(LocalKafka kafka) {
    bootstrap = kafka.bootstrapServers();
  }

  static List<Arguments> cases() {
    String keyed = IntStream.range(0, 40).mapToObj(i -> "key-" + i + "\tvalue " + i + "\n").reduce("", String::concat);
    return List.of(
        Arguments.of("plain", utf8("Hi how are you?\n\n\nПривет, мир 😀 日本語\r\nCRLF line\r\nlone CR\rtab\tinside\n"
            + "  spaces  \nlast line without newline"), new String[0]),
        Arguments.of("keyed", utf8(keyed + "k\tv\twith tab\n\tempty key\n"), props("parse.key=true")),
        Arguments.of("custom-separator", utf8("a::1\nb::2::3\nключ::значение\n"),
            props("parse.key=true", "key.separator=::")),
        Arguments.of("headers", utf8("h1:v1,h2:v2\tkey\tvalue\nh:a:b\tk2\tv2\nx:1\t\t\n"),
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
        .assertRefusedAlike(errorLine);
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
