package io.github.kswordcount.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.Await;
import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import io.github.kswordcount.localkafka.TopicReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * producer-cli against three nodes with {@code min.insync.replicas=2}: with {@code acks=all} (its default, as
 * Kafka's tool) a partition leader stopped while lines are being sent costs no line and fails none.
 */
class ProducerNodeFailureIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder.nodes(3)
      .brokerConfig("min.insync.replicas", "2"));

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);

  @Test
  void aLeaderStoppedWhileLinesAreSentLosesNoLineAndFailsNone(LocalKafka kafka) throws Exception {
    kafka.createTopic("replicated-lines", 2, 3);
    List<String> lines = IntStream.range(0, 100_000)
        .mapToObj(i -> String.format(Locale.ROOT, "line %06d of the replicated topic", i)).toList();
    int stopped;
    try (JavaTool.Running producer = Tools.OURS.start(null, "--bootstrap-server", kafka.bootstrapServers(),
        "--topic", "replicated-lines");
        Admin admin = Admin.create(new HashMap<String, Object>(kafka.clientConfig()))) {
      OutputStream stdin = producer.stdin();
      Thread writer = new Thread(() -> write(stdin, lines), "stdin-writer");
      writer.start();
      // A tenth of the lines acknowledged: the rest are being read and sent while the leader stops.
      Await.until("the first 10,000 lines on the topic", TOOL_TIMEOUT, () -> endOffsets(admin) >= 10_000);
      stopped = leaderOfPartitionZero(admin);
      long stopping = System.nanoTime();
      kafka.stopNode(stopped);
      writer.join(TOOL_TIMEOUT.toMillis());
      stdin.close();

      JavaTool.Result result = producer.await(TOOL_TIMEOUT);
      System.out.printf("node %d stopped once 10,000 of %d lines were on the topic; producer-cli ended %d ms after "
          + "the stop began%n", stopped, lines.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stderr()).doesNotContain("error:");
    }
    List<String> delivered = TopicReader.readAll(kafka.bootstrapServers(), "replicated-lines", "read_uncommitted")
        .stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    assertThat(delivered).hasSize(lines.size()).containsExactlyInAnyOrderElementsOf(lines);
    kafka.startNode(stopped);
  }

  private static void write(OutputStream stdin, List<String> lines) {
    try {
      stdin.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long endOffsets(Admin admin) {
    Map<TopicPartition, OffsetSpec> latest = Map.of(new TopicPartition("replicated-lines", 0), OffsetSpec.latest(),
        new TopicPartition("replicated-lines", 1), OffsetSpec.latest());
    try {
      return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    } catch (ExecutionException e) {
      return -1; // a leader moving: ask again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static int leaderOfPartitionZero(Admin admin) throws InterruptedException {
    try {
      TopicPartitionInfo partition = admin.describeTopics(List.of("replicated-lines")).allTopicNames().get()
          .get("replicated-lines").partitions().get(0);
      return partition.leader().id();
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    }
  }
}
