package io.github.kswordcount.consumer;

import static org.awaitility.Awaitility.await;
import static io.github.kswordcount.localkafka.KafkaIo.record;
import static io.github.kswordcount.localkafka.KafkaIo.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How our consumer ends, against Kafka's: the group's offsets committed are those of the records printed,
 * on {@code --max-messages} and on SIGTERM; and output to a file or pipe appears while the consumer waits.
 */
@ExtendWith(LocalKafkaExtension.class)
class ConsumerLifecycleIT {

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final String TOPIC = "lifecycle";
  private static final int COUNT = 50;
  private static String bootstrap;

  @BeforeAll
  static void topic(LocalKafka kafka) {
    bootstrap = kafka.bootstrapServers();
    kafka.createTopic(TOPIC, 1, 1);
    KafkaIo.sendBytes(bootstrap, IntStream.range(0, COUNT)
        .mapToObj(i -> record(TOPIC, null, System.currentTimeMillis(), null, utf8("record " + i))).toList());
  }

  @Test
  void maxMessagesCommitsOnlyWhatWasPrintedAsKafkasDoes() {
    JavaTool.Both both = JavaTool.runBoth(
        Tools.KAFKA, args("max-kafka", "--from-beginning", "--max-messages", "10"),
        Tools.OURS, args("max-ours", "--from-beginning", "--max-messages", "10"),
        new byte[0], TOOL_TIMEOUT);
    JavaTool.Result ours = both.ours();
    JavaTool.Result kafkas = both.kafka();
    assertThat(ours.exitCode()).isZero();
    assertThat(ours.stdout()).isEqualTo(kafkas.stdout());
    assertThat(committed("max-ours")).isEqualTo(committed("max-kafka")).isEqualTo(10L);
  }

  @Test
  void sigtermFlushesPrintsTheCountAndCommitsAsKafkasDoes() {
    assertThat(untilSigterm(Tools.OURS, "signal-ours")).isEqualTo(untilSigterm(Tools.KAFKA, "signal-kafka"))
        .isEqualTo("Processed a total of 50 messages");
    assertThat(committed("signal-ours")).isEqualTo(committed("signal-kafka")).isEqualTo((long) COUNT);
  }

  @Test
  void recordsArrivingLaterReachAPipeWhileTheConsumerWaits(LocalKafka kafka) {
    kafka.createTopic("live", 1, 1);
    try (JavaTool.Running consumer = Tools.OURS.start(new byte[0],
        "--bootstrap-server", bootstrap, "--topic", "live", "--partition", "0", "--offset", "latest")) {
      // --offset latest: records sent before the consumer found the end are skipped, so probe until one shows.
      AtomicInteger polls = new AtomicInteger();
      await("the consumer printing a probe").atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
        if (stdout(consumer).contains("probe")) {
          return true;
        }
        if (polls.getAndIncrement() % 10 == 0) {
          KafkaIo.sendBytes(bootstrap, List.of(record("live", 0, System.currentTimeMillis(), null, utf8("probe"))));
        }
        return false;
      });
      for (int i = 0; i < 3; i++) {
        String line = "live " + i + "\n";
        KafkaIo.sendBytes(bootstrap, List.of(record("live", 0, System.currentTimeMillis(), null, utf8(line.trim()))));
        await("'" + line.trim() + "' on stdout").atMost(Duration.ofSeconds(30)).pollInSameThread()
            .until(() -> stdout(consumer).endsWith(line));
      }
      assertThat(consumer.process().isAlive()).isTrue();
    }
  }

  /**
   * A {@code --topic} that does not exist: waited for, as by Kafka's tool (the broker here creates no topic on
   * its own), and said once in words; created, its records are printed.
   */
  @Test
  void aTopicThatDoesNotExistIsSaidOnceThenWaitedForAndReadOnceCreated(LocalKafka kafka) {
    try (JavaTool.Running consumer = Tools.OURS.start(new byte[0],
        "--bootstrap-server", bootstrap, "--topic", "later", "--from-beginning", "--max-messages", "1")) {
      await("the line saying the topic does not exist")
          .atMost(Duration.ofSeconds(30)).pollInSameThread()
          .until(() -> consumer.stderrSoFar().contains("topic 'later' does not exist on " + bootstrap
              + ": waiting for it to be created, as Kafka's tool does (--timeout-ms ends the wait)"));
      kafka.createTopic("later", 1, 1);
      KafkaIo.sendBytes(bootstrap, List.of(record("later", 0, System.currentTimeMillis(), null, utf8("at last"))));
      JavaTool.Result result = consumer.await(TOOL_TIMEOUT);
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.out()).isEqualTo("at last\n");
      assertThat(result.stderr().lines().filter(l -> l.contains("does not exist"))).hasSize(1);
    }
  }

  private static String stdout(JavaTool.Running consumer) {
    return new String(consumer.stdoutSoFar(), StandardCharsets.UTF_8);
  }

  private static String untilSigterm(JavaTool tool, String group) {
    try (JavaTool.Running consumer = tool.start(new byte[0], args(group, "--from-beginning"))) {
      await(COUNT + " records on stdout from " + group)
          .atMost(Duration.ofSeconds(30)).pollInSameThread()
          .until(() -> stdout(consumer).lines().count() == COUNT);
      consumer.process().destroy();
      JavaTool.Result result = consumer.await(TOOL_TIMEOUT);
      assertThat(result.exitCode()).isEqualTo(143);
      return result.processedLine();
    }
  }

  private static String[] args(String group, String... more) {
    List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", TOPIC));
    if (group != null) {
      args.addAll(List.of("--group", group));
    }
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static Long committed(String group) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(props)) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      OffsetAndMetadata offset = offsets.get(new TopicPartition(TOPIC, 0));
      return offset == null ? null : offset.offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
