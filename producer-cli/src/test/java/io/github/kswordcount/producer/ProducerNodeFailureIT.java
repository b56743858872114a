package io.github.kswordcount.producer;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import io.github.kswordcount.localkafka.KafkaIo;
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
 * Kafka's tool) a partition leader stopped while lines are being sent costs no line and fails none; with two of
 * the three stopped every line fails, and the tool says it was for want of in-sync replicas. Node 0 is the only
 * controller, so the quorum outlives the two brokers and shrinks the in-sync replicas, as a cluster with its
 * controllers on other machines would.
 */
class ProducerNodeFailureIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder.nodes(3).controllers(1)
      .brokerConfig("min.insync.replicas", "2"));

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);

  @Test
  void aLeaderStoppedWhileLinesAreSentLosesNoLineAndFailsNone(LocalKafka kafka) throws Exception {
    // Three partitions: their leaders are the three nodes, so one is led by a broker-only node.
    kafka.createTopic("replicated-lines", 3, 3);
    List<String> lines = IntStream.range(0, 100_000)
        .mapToObj(i -> String.format(Locale.ROOT, "line %06d of the replicated topic", i)).toList();
    int stopped;
    try (JavaTool.Running producer = Tools.OURS.start("--bootstrap-server", kafka.bootstrapServers(),
        "--topic", "replicated-lines");
        Admin admin = Admin.create(new HashMap<String, Object>(kafka.clientConfig()))) {
      OutputStream stdin = producer.stdin();
      Thread writer = new Thread(() -> write(stdin, lines), "stdin-writer");
      writer.start();
      // A tenth of the lines acknowledged: the rest are being read and sent while the leader stops.
      await("the first 10,000 lines on the topic").atMost(TOOL_TIMEOUT).pollInSameThread()
          .until(() -> endOffsets(admin) >= 10_000);
      stopped = aLeaderOtherThanNodeZero(admin);
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
    List<String> delivered = KafkaIo.readAll(kafka.bootstrapServers(), "replicated-lines", "read_uncommitted")
        .stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    // Sorted, since the lines are: AssertJ's containsExactlyInAnyOrderElementsOf is quadratic, and on 100,000 lines it
    // ran 30 to 130 s on one core after the producer had ended.
    assertThat(delivered.stream().sorted().toList()).hasSize(lines.size()).isEqualTo(lines);
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

  /**
   * Two of three nodes stopped, the in-sync replicas of the topic down to one: the broker refuses each line, the
   * producer gives up after its retries (3, as Kafka's tool), and the last line names the cause,
   * {@code NOT_ENOUGH_REPLICAS}, with the partition and the numbers (it does too when records expire after
   * {@code delivery.timeout.ms} instead, as a {@code TimeoutException} that does not say why). Nothing is
   * written, and every line is reported as not sent.
   */
  @Test
  void twoOfThreeNodesStoppedFailEveryLineAndSayNotEnoughReplicas(LocalKafka kafka) throws Exception {
    kafka.createTopic("short-lines", 1, 3);
    kafka.stopNode(1);
    kafka.stopNode(2);
    try (Admin admin = Admin.create(new HashMap<String, Object>(kafka.clientConfig()))) {
      await("the in-sync replicas of short-lines down to node 0").atMost(TOOL_TIMEOUT).pollInSameThread()
          .until(() -> inSync(admin) == 1);
    }
    long start = System.nanoTime();
    JavaTool.Result result = Tools.OURS.run("one\ntwo\n".getBytes(StandardCharsets.UTF_8), TOOL_TIMEOUT,
        "--bootstrap-server", kafka.bootstrapServers(), "--topic", "short-lines");
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    kafka.startNode(1);
    kafka.startNode(2);

    System.out.printf("two of three nodes stopped: producer-cli ended after %d ms:%n%s%n", elapsedMs, result.stderr());
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    List<String> errors = result.stderr().lines().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).as(result.stderr()).hasSize(3);
    assertThat(errors.subList(0, 2))
        .allMatch(l -> l.matches("error: line [12] was not sent to topic 'short-lines': .*"));
    assertThat(errors.get(2)).isEqualTo("error: 2 of 2 records were not sent: NOT_ENOUGH_REPLICAS: partition "
        + "short-lines-0 has 1 in-sync replica(s), min.insync.replicas is 2, and acks=all needs that many (check "
        + "that the topic's brokers are running)");
    assertThat(result.stderr()).doesNotContain("\tat ");
    assertThat(KafkaIo.readAll(kafka.bootstrapServers(), "short-lines", "read_uncommitted")).isEmpty();
  }

  private static int inSync(Admin admin) {
    try {
      return admin.describeTopics(List.of("short-lines")).allTopicNames().get().get("short-lines").partitions()
          .get(0).isr().size();
    } catch (ExecutionException e) {
      return -1; // the metadata moving: ask again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static long endOffsets(Admin admin) {
    Map<TopicPartition, OffsetSpec> latest = Map.of(new TopicPartition("replicated-lines", 0), OffsetSpec.latest(),
        new TopicPartition("replicated-lines", 1), OffsetSpec.latest(),
        new TopicPartition("replicated-lines", 2), OffsetSpec.latest());
    try {
      return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    } catch (ExecutionException e) {
      return -1; // a leader moving: ask again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The leader of a partition that node 0, the controller, does not lead: stopping it keeps the quorum. */
  private static int aLeaderOtherThanNodeZero(Admin admin) throws InterruptedException {
    try {
      return admin.describeTopics(List.of("replicated-lines")).allTopicNames().get().get("replicated-lines")
          .partitions().stream().map(TopicPartitionInfo::leader).mapToInt(leader -> leader.id())
          .filter(id -> id != 0).findFirst().orElseThrow(() -> new AssertionError("node 0 leads every partition"));
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    }
  }
}
