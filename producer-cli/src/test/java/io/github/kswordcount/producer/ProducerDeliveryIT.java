package io.github.kswordcount.producer;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What our producer does better than Kafka's, on a broker that does not create topics on its own: refused
 * records are named by line and fail the exit status (Kafka's exits 0), Ctrl-C/SIGTERM flushes what was read,
 * and a line written to an open input is sent at once.
 */
@ExtendWith(LocalKafkaExtension.class)
class ProducerDeliveryIT {

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void aRecordTooLargeIsNamedByLineAndTheOthersAreDeliveredAsWithKafka(LocalKafka kafka) {
    kafka.createTopic("too-large-ours", 1, 1);
    kafka.createTopic("too-large-kafka", 1, 1);
    byte[] input = ("first\n" + "x".repeat(2 * 1024 * 1024) + "\nthird\n").getBytes(StandardCharsets.UTF_8);
    JavaTool.Both both = JavaTool.runBoth(
        Tools.KAFKA, new String[] {"--bootstrap-server", kafka.bootstrapServers(), "--topic", "too-large-kafka"},
        Tools.OURS, new String[] {"--bootstrap-server", kafka.bootstrapServers(), "--topic", "too-large-ours"},
        input, TOOL_TIMEOUT);
    JavaTool.Result ours = both.ours();

    assertThat(ours.exitCode()).isEqualTo(1);
    assertThat(ours.stderr()).contains("error: line 2 was not sent to topic 'too-large-ours': "
        + "RecordTooLargeException: The message is 2097240 bytes when serialized which is larger than 1048576, "
        + "which is the value of the max.request.size configuration.", "error: 1 of 3 records were not sent");
    assertThat(values(kafka, "too-large-ours")).containsExactly("first", "third")
        .isEqualTo(values(kafka, "too-large-kafka"));
    assertThat(both.kafka().exitCode()).as("Kafka's tool hides the loss").isZero();
  }

  @Test
  void syncStopsAtTheFirstRefusedRecordAsKafkasDoes(LocalKafka kafka) {
    kafka.createTopic("sync-ours", 1, 1);
    kafka.createTopic("sync-kafka", 1, 1);
    byte[] input = ("a\nb\n" + "x".repeat(2 * 1024 * 1024) + "\nd\n").getBytes(StandardCharsets.UTF_8);
    JavaTool.Both both = JavaTool.runBoth(
        Tools.KAFKA, new String[] {"--bootstrap-server", kafka.bootstrapServers(), "--topic", "sync-kafka", "--sync"},
        Tools.OURS, new String[] {"--bootstrap-server", kafka.bootstrapServers(), "--topic", "sync-ours", "--sync"},
        input, TOOL_TIMEOUT);
    JavaTool.Result ours = both.ours();

    assertThat(ours.exitCode()).isEqualTo(both.kafka().exitCode()).isEqualTo(1);
    assertThat(ours.stderr()).contains("error: line 3 was not sent to topic 'sync-ours': RecordTooLargeException");
    assertThat(values(kafka, "sync-ours")).containsExactly("a", "b").isEqualTo(values(kafka, "sync-kafka"));
  }

  /**
   * A topic that does not exist, on a broker that creates none on first use: one line naming it, soon, and no
   * client WARN per metadata request; nothing was accepted, so nothing is lost (Kafka's tool, and ours before,
   * waited {@code max.block.ms}, 60 s, on each line, with a WARN {@code UNKNOWN_TOPIC_OR_PARTITION} about once a
   * second, and then failed it).
   */
  @Test
  void aTopicThatDoesNotExistIsOneLineNamingItAndNothingIsSent(LocalKafka kafka) {
    JavaTool.Result ours = Tools.OURS.run("a\nb\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30),
        "--bootstrap-server", kafka.bootstrapServers(), "--topic", "no-such-topic");

    assertThat(ours.exitCode()).isEqualTo(1);
    assertThat(ours.stderr()).isEqualTo("error: topic 'no-such-topic' does not exist on " + kafka.bootstrapServers()
        + ", and the broker does not create topics on first use: nothing was sent (create the topic first)\n");
    assertThat(ours.out()).isEmpty();
    assertThat(KafkaIo.topicNames(kafka.bootstrapServers())).doesNotContain("no-such-topic");
  }

  /**
   * A topic deleted while lines are sent: the first line that fails (here its batch expires after
   * {@code delivery.timeout.ms}; a line sent later waits {@code max.block.ms} for the topic, whichever comes first)
   * is told in one line naming the topic, no other line is sent, and the count of lines not sent follows; exit 1.
   * Kafka's tool, and ours before, fail each line on its own after one of those timeouts and read on.
   */
  @Test
  void aTopicDeletedWhileLinesAreSentIsOneLineNamingItAndNoLaterLineIsSent(LocalKafka kafka) throws IOException {
    kafka.createTopic("deleted-later", 1, 1);
    try (JavaTool.Running producer = Tools.OURS.start("--bootstrap-server", kafka.bootstrapServers(),
        "--topic", "deleted-later", "--producer-property", "delivery.timeout.ms=4000")) {
      OutputStream stdin = producer.stdin();
      stdin.write("before\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      await("the first line on the topic").atMost(Duration.ofSeconds(30)).pollInSameThread()
          .until(() -> values(kafka, "deleted-later").equals(List.of("before")));
      KafkaIo.deleteTopic(kafka.bootstrapServers(), "deleted-later");
      stdin.write("after\nand after\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      String gone = "error: topic 'deleted-later' does not exist on " + kafka.bootstrapServers() + " any more "
          + "(deleted while lines were sent?): line 2 and the lines after it were not sent";
      producer.awaitStderr("the line naming the topic", Duration.ofSeconds(30), lines -> lines.contains(gone));
      stdin.write("never sent\n".getBytes(StandardCharsets.UTF_8));
      stdin.close();

      JavaTool.Result result = producer.await(Duration.ofSeconds(30));
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr().lines().filter(l -> l.startsWith("error: ")))
          .containsExactly(gone, "error: 2 of 3 records were not sent");
    }
    assertThat(KafkaIo.topicNames(kafka.bootstrapServers())).doesNotContain("deleted-later");
  }

  @Test
  void aLineWrittenToAnOpenInputIsSentAtOnce(LocalKafka kafka) throws IOException {
    kafka.createTopic("interactive", 1, 1);
    try (JavaTool.Running producer = Tools.OURS.start(
        "--bootstrap-server", kafka.bootstrapServers(), "--topic", "interactive")) {
      OutputStream stdin = producer.stdin();
      stdin.write("Hi how are you?\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      await("the line reaches the topic while the input is still open")
          .atMost(Duration.ofSeconds(30)).pollInSameThread()
          .until(() -> values(kafka, "interactive").equals(List.of("Hi how are you?")));
      assertThat(producer.process().isAlive()).isTrue();
      stdin.close();
      assertThat(producer.await(TOOL_TIMEOUT).exitCode()).isZero();
    }
  }

  @Test
  void sigtermFlushesEveryLineAlreadyRead(LocalKafka kafka) throws IOException {
    kafka.createTopic("signal", 1, 1);
    List<String> lines = IntStream.range(0, 20_000).mapToObj(i -> String.format(Locale.ROOT, "line %05d", i)).toList();
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    // A minute of linger and big batches: without the shutdown hook nothing would reach the broker.
    try (JavaTool.Running producer = Tools.OURS.start("--bootstrap-server", kafka.bootstrapServers(),
        "--topic", "signal", "--timeout", "60000", "--batch-size", "16777216", "--max-memory-bytes", "67108864")) {
      OutputStream stdin = producer.stdin();
      stdin.write(input);
      stdin.flush();
      // Once write() returned, all but at most one pipe buffer (64 KiB) of the input has been read.
      producer.process().destroy();
      assertThat(producer.await(TOOL_TIMEOUT).exitCode()).isEqualTo(143);
    }
    List<String> delivered = values(kafka, "signal");
    int surelyRead = (input.length - 65536) / "line 00000\n".length();
    assertThat(delivered.size()).isGreaterThanOrEqualTo(surelyRead);
    assertThat(delivered).isEqualTo(lines.subList(0, delivered.size()));
  }

  private static List<String> values(LocalKafka kafka, String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = KafkaIo.readAll(kafka.bootstrapServers(), topic, "read_uncommitted");
    return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }
}
