package io.github.kswordcount.core.internal.receiver;

import static org.awaitility.Awaitility.await;
import static io.github.kswordcount.core.internal.receiver.LocalStreaming.COUNTS;
import static io.github.kswordcount.core.internal.receiver.LocalStreaming.RECEIVER_STARTS;
import static io.github.kswordcount.core.internal.receiver.LocalStreaming.RESTARTS;
import static io.github.kswordcount.core.internal.receiver.LocalStreaming.countInto;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.internal.kafka.ConsumerParams;
import io.github.kswordcount.core.kafka.Topics;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver under rebalances, on a real broker and a local Spark with the write-ahead log: a commit refused
 * because the group is rebalancing, and a consumer joining and leaving the group mid-stream. Both must lose
 * nothing, and neither may make the receiver restart.
 */
@ExtendWith(LocalKafkaExtension.class)
class ReceiverRebalanceIT {

  /** What the hooks below coordinate on (they run on the receiver's consumer threads, in this JVM). */
  private static final AtomicBoolean TRIGGERED = new AtomicBoolean();
  private static final AtomicBoolean BLOCKED = new AtomicBoolean();
  private static final AtomicBoolean OTHER_MEMBER_ASSIGNED = new AtomicBoolean();
  private static volatile String bootstrap;

  @TempDir Path checkpoint;
  private JavaStreamingContext ssc;

  @BeforeEach
  void reset(LocalKafka kafka) {
    bootstrap = kafka.bootstrapServers();
    LocalStreaming.reset();
    TRIGGERED.set(false);
    BLOCKED.set(false);
    OTHER_MEMBER_ASSIGNED.set(false);
  }

  @AfterEach
  void stopSpark() {
    if (ssc != null) {
      ssc.stop(true, false);
    }
  }

  private JavaStreamingContext context() {
    return LocalStreaming.withWriteAheadLog("ReceiverRebalanceIT", checkpoint);
  }

  private static void awaitEverythingCountedAndCommitted(Corpus corpus, String topic, String group, int partitions) {
    LocalStreaming.awaitEverythingCountedAndCommitted(bootstrap, corpus, topic, group, partitions);
  }

  /**
   * With the cooperative assignor a consumer keeps fetching its partitions while a rebalance waits for a slow
   * member, so its commit fails with {@code RebalanceInProgressException}. Here thread 1 of the receiver is
   * the slow member (held in the after-store hook until a third consumer has been assigned), thread 0 keeps
   * storing meanwhile.
   */
  @Test
  void aCommitRefusedDuringARebalanceRereadsFromTheCommittedOffsetsWithoutARestart(LocalKafka kafka) {
    kafka.createTopic("rip", 2, 1);
    Corpus corpus = Corpus.generate(4000, 21);
    KafkaIo.produceLines(kafka.bootstrapServers(), "rip", corpus.lines());
    Map<String, Object> params = ConsumerParams.of(kafka.bootstrapServers(), "rip-group", true, Map.of("max.poll.records", "20", "heartbeat.interval.ms", "300", "max.poll.interval.ms", "8000", "partition.assignment.strategy", CooperativeStickyAssignor.class.getName()));

    ssc = context();
    countInto(KafkaReceivers.createStream(ssc, ReceiverSource.of(params, Topics.names(List.of("rip"))), 2, 1, 400,
        offsets -> {
          // Both threads own a partition once each has stored something; then hold thread 1.
          if (!Thread.currentThread().getName().endsWith("-1")) {
            BLOCKED.set(true);
          } else if (BLOCKED.get() && TRIGGERED.compareAndSet(false, true)) {
            holdUntilAnotherMemberIsAssigned();
          }
        }));
    ssc.start();

    awaitEverythingCountedAndCommitted(corpus, "rip", "rip-group", 2);
    assertThat(OTHER_MEMBER_ASSIGNED).isTrue();
    assertThat(RESTARTS).isEmpty();
    assertThat(RECEIVER_STARTS.get()).isEqualTo(1);
  }

  /**
   * A third consumer joins the group mid-stream, takes partitions, and leaves. Each rebalance revokes the
   * receiver's partitions while blocks it stored wait for their batch's output; it lets them go only once they
   * are output and committed, so neither the third consumer nor the receiver itself afterwards reads them
   * again: exact counts, and no receiver restart.
   */
  @Test
  void aConsumerJoiningAndLeavingMidStreamMakesNoRecordCountTwice(LocalKafka kafka) {
    kafka.createTopic("join", 4, 1);
    Corpus corpus = Corpus.generate(4000, 23);
    KafkaIo.produceLines(kafka.bootstrapServers(), "join", corpus.lines());
    Map<String, Object> params = ConsumerParams.of(kafka.bootstrapServers(), "join-group", true, Map.of("max.poll.records", "50"));

    ssc = context();
    countInto(KafkaReceivers.createStream(ssc, ReceiverSource.of(params, Topics.names(List.of("join"))), 2, 1, 800));
    ssc.start();
    Map<TopicPartition, Long> ends = KafkaIo.endOffsets(bootstrap, "join", 4);
    await("some records counted").atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> !COUNTS.isEmpty());
    Map<String, Object> config = ConsumerParams.of(bootstrap, "join-group", false, Map.of());
    try (KafkaConsumer<byte[], byte[]> other = new KafkaConsumer<>(config)) {
      other.subscribe(List.of("join"));
      await("the third consumer assigned").atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
        other.poll(Duration.ofMillis(100)); // never committed: what it reads stays the receiver's to read
        return !other.assignment().isEmpty();
      });
      assertThat(KafkaIo.committed(bootstrap, "join-group")).as("joined while records were being stored")
          .isNotEqualTo(ends);
    } // leaves the group: the receiver takes every partition back

    awaitEverythingCountedAndCommitted(corpus, "join", "join-group", 4);
    assertThat(COUNTS).isEqualTo(corpus.counts());
    assertThat(RESTARTS).isEmpty();
    assertThat(RECEIVER_STARTS.get()).isEqualTo(1);
  }

  /** A third consumer joins; the hook holds the receiver's thread until the rebalance gave it partitions. */
  private static void holdUntilAnotherMemberIsAssigned() {
    // Its max.poll.interval.ms is its rebalance timeout: the group waits that long for the held thread.
    Map<String, Object> config = ConsumerParams.of(bootstrap, "rip-group", false, Map.of("max.poll.interval.ms", "8000", "partition.assignment.strategy", CooperativeStickyAssignor.class.getName()));
    try (KafkaConsumer<byte[], byte[]> other = new KafkaConsumer<>(config)) {
      other.subscribe(List.of("rip"), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
          if (!partitions.isEmpty()) {
            OTHER_MEMBER_ASSIGNED.set(true);
          }
        }

        @Override
        public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {}
      });
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!OTHER_MEMBER_ASSIGNED.get() && System.nanoTime() < deadline) {
        other.poll(Duration.ofMillis(100)); // never committed: what it reads stays the receiver's to read
      }
    } // leaves the group: the receiver takes every partition back
  }
}
