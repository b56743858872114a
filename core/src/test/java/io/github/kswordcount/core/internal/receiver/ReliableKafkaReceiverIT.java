package io.github.kswordcount.core.internal.receiver;

import static io.github.kswordcount.core.internal.receiver.LocalStreaming.COUNTS;
import static io.github.kswordcount.core.internal.receiver.LocalStreaming.RECEIVER_STARTS;
import static io.github.kswordcount.core.internal.receiver.LocalStreaming.RESTARTS;
import static io.github.kswordcount.core.internal.receiver.LocalStreaming.countInto;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.kswordcount.core.internal.kafka.ConsumerParams;
import io.github.kswordcount.core.internal.kafka.SharedClients;
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
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's guarantee on a real broker and a local Spark with the write-ahead log on: stopped between store
 * and commit, and restarted while a consumer thread is still storing.
 */
@ExtendWith(LocalKafkaExtension.class)
class ReliableKafkaReceiverIT {

  private static final AtomicLong STORED_BEFORE_STOP = new AtomicLong();
  /** What the hooks of the restart test coordinate on (they run on the receiver's consumer threads). */
  private static final AtomicBoolean TRIGGERED = new AtomicBoolean();
  private static final AtomicBoolean BLOCKED = new AtomicBoolean();

  @TempDir Path checkpoint;
  private JavaStreamingContext ssc;

  @BeforeEach
  void reset() {
    LocalStreaming.reset();
    TRIGGERED.set(false);
    BLOCKED.set(false);
  }

  @AfterEach
  void stopSpark() {
    if (ssc != null) {
      ssc.stop(true, false);
    }
  }

  private JavaStreamingContext context() {
    return LocalStreaming.withWriteAheadLog("ReliableKafkaReceiverIT", checkpoint);
  }

  @Test
  void aJobStoppedBetweenStoreAndCommitSeesTheRecordsAgainNeverFewer(LocalKafka kafka) {
    kafka.createTopic("stored", 3, 1);
    Corpus corpus = Corpus.generate(600, 7);
    KafkaIo.produceLines(kafka.bootstrapServers(), "stored", corpus.lines());
    Map<String, Object> params = ConsumerParams.of(kafka.bootstrapServers(), "stored-group", true, Map.of("max.poll.records", "50"));

    // Run 1: every consumer thread stops right after its first store, before committing.
    COUNTS.clear();
    ssc = context();
    countInto(KafkaReceivers.createStream(ssc, ReceiverSource.of(params, Topics.names(List.of("stored"))), 2, 1, 0,
        offsets -> {
          STORED_BEFORE_STOP.addAndGet(offsets.size());
          throw new InterruptedException("stop between store and commit");
        }));
    ssc.start();
    await("stored records counted").atMost(Duration.ofSeconds(60)).until(() -> !COUNTS.isEmpty());
    ssc.stop(true, false);
    ssc = null;
    long firstRunWords = COUNTS.values().stream().mapToLong(Long::longValue).sum();
    assertThat(firstRunWords).isPositive();
    assertThat(STORED_BEFORE_STOP.get()).isPositive();
    // Only the start positions were committed (at assignment), nothing the stores covered.
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "stored-group").values()).containsOnly(0L);

    // Run 2: the same group reads everything again, the stored-but-uncommitted records included.
    COUNTS.clear();
    ssc = context();
    countInto(KafkaReceivers.createStream(ssc, ReceiverSource.of(params, Topics.names(List.of("stored"))), 2, 1, 0));
    ssc.start();
    Map<TopicPartition, Long> ends = KafkaIo.endOffsets(kafka.bootstrapServers(), "stored", 3);
    await("all offsets committed").atMost(Duration.ofSeconds(60))
        .until(() -> KafkaIo.committed(kafka.bootstrapServers(), "stored-group").equals(ends));
    long corpusWords = corpus.counts().values().stream().mapToLong(Long::longValue).sum();
    await("all records counted").atMost(Duration.ofSeconds(60))
        .until(() -> COUNTS.values().stream().mapToLong(Long::longValue).sum() >= corpusWords);
    assertThat(COUNTS).isEqualTo(corpus.counts());
  }

  /**
   * How long a receiver refused its instance id under KIP-848 goes on trying: the broker's
   * {@code group.consumer.session.timeout.ms} (here Kafka's default, 45 s) read with Describe on the cluster, and
   * 15 s more. The Kafka 4 line's twin test runs it with a 15 s session.
   */
  @Test
  void theGraceForAnInstanceIdInUseIsTheBrokersGroupSessionAndAMargin(LocalKafka kafka) {
    Map<String, Object> params = Map.of("bootstrap.servers", kafka.bootstrapServers());
    assertThat(GroupSessions.unreleasedGrace(params)).isEqualTo(Duration.ofSeconds(60));
    assertThat(GroupSessions.sessionTimeout(SharedClients.admin(params)))
        .contains(Duration.ofSeconds(45));
  }

  /**
   * Thread 0 fails (the receiver restarts) while thread 1 is still between store and commit, and thread 1
   * comes back only after the restart. It must leave the new start alone: no second failure, no fencing.
   */
  @Test
  void aThreadStillStoringAcrossARestartLeavesTheNewStartAlone(LocalKafka kafka) {
    kafka.createTopic("gen", 2, 1);
    Corpus corpus = Corpus.generate(2000, 22);
    KafkaIo.produceLines(kafka.bootstrapServers(), "gen", corpus.lines());
    Map<String, Object> params = ConsumerParams.of(kafka.bootstrapServers(), "gen-group", true, Map.of("max.poll.records", "20"));

    ssc = context();
    countInto(KafkaReceivers.createStream(ssc, ReceiverSource.of(params, Topics.names(List.of("gen"))), 2, 1, 200,
        offsets -> {
          boolean threadOne = Thread.currentThread().getName().endsWith("-1");
          if (threadOne && BLOCKED.compareAndSet(false, true)) {
            await("the receiver restarted").atMost(Duration.ofSeconds(60)).pollInSameThread()
                .until(() -> RECEIVER_STARTS.get() >= 2);
          } else if (!threadOne && BLOCKED.get() && TRIGGERED.compareAndSet(false, true)) {
            throw new IllegalStateException("induced failure");
          }
        }));
    ssc.start();

    LocalStreaming.awaitEverythingCountedAndCommitted(kafka.bootstrapServers(), corpus, "gen", "gen-group", 2);
    assertThat(RESTARTS).hasSize(1);
    assertThat(RESTARTS.get(0)).contains("induced failure");
    assertThat(RECEIVER_STARTS.get()).isEqualTo(2);
  }
}
