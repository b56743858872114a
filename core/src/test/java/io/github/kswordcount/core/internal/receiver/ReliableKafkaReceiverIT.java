package io.github.kswordcount.core.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.kswordcount.core.count.WordCounts;
import io.github.kswordcount.core.internal.kafka.ConsumerParams;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import io.github.kswordcount.core.kafka.Topics;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.core.internal.text.RecordTexts;
import io.github.kswordcount.core.text.Tokenizers;
import io.github.kswordcount.core.text.ValueExtractor;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The receiver's guarantee on a real broker and a local Spark with the write-ahead log on. */
@ExtendWith(LocalKafkaExtension.class)
class ReliableKafkaReceiverIT {

  /** Driver-side results; static so the checkpointed closures capture no test instance. */
  private static final Map<String, Long> COUNTS = new ConcurrentHashMap<>();
  private static final AtomicLong STORED_BEFORE_STOP = new AtomicLong();

  @TempDir Path checkpoint;
  private JavaStreamingContext ssc;

  @AfterEach
  void stopSpark() {
    if (ssc != null) {
      ssc.stop(true, false);
    }
  }

  private JavaStreamingContext context() {
    JavaStreamingContext context = LocalStreaming.withWriteAheadLog("ReliableKafkaReceiverIT", checkpoint);
    return context;
  }

  private static void countInto(KafkaReceiverStream stream) {
    JavaDStream<String> lines = RecordTexts.of(stream.records(), ReceivedRecord::value, ValueExtractor.utf8());
    JavaPairDStream<String, Long> counts = WordCounts.perBatch(lines, Tokenizers.whitespace());
    counts.foreachRDD(rdd -> rdd.collect().forEach(pair -> COUNTS.merge(pair._1(), pair._2(), Long::sum)));
    stream.commitWhenOutput(counts);
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
}
