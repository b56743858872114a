package io.github.kswordcount.core.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.kswordcount.core.count.WordCounts;
import io.github.kswordcount.core.internal.text.RecordTexts;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.text.Tokenizers;
import io.github.kswordcount.core.text.ValueExtractor;
import io.github.kswordcount.localkafka.KafkaIo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverStarted;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverStopped;

/**
 * The local streaming job of the receiver ITs: three cores, half-second batches, the write-ahead log on, its
 * counts and its receiver's starts and restarts kept on the driver.
 */
final class LocalStreaming {

  /** Driver-side results; static so the checkpointed closures capture no test instance. */
  static final Map<String, Long> COUNTS = new ConcurrentHashMap<>();
  /** The error of each receiver restart. */
  static final List<String> RESTARTS = new CopyOnWriteArrayList<>();
  static final AtomicInteger RECEIVER_STARTS = new AtomicInteger();

  private LocalStreaming() {}

  /** Forgets what an earlier test counted and saw. */
  static void reset() {
    COUNTS.clear();
    RESTARTS.clear();
    RECEIVER_STARTS.set(0);
  }

  /**
   * A context checkpointing into {@code checkpoint}, with the receiver write-ahead log on, that records the
   * receiver's starts and restarts.
   *
   * @param appName the application name
   * @param checkpoint the checkpoint directory
   * @return the context, not started
   */
  static JavaStreamingContext withWriteAheadLog(String appName, Path checkpoint) {
    SparkConf conf = new SparkConf().setMaster("local[3]").setAppName(appName)
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.streaming.receiver.writeAheadLog.enable", "true");
    JavaStreamingContext context = new JavaStreamingContext(conf, Durations.milliseconds(500));
    context.checkpoint(checkpoint.toString());
    context.ssc().addStreamingListener(new StreamingListener() {
      @Override
      public void onReceiverStopped(StreamingListenerReceiverStopped stopped) {
        // A restart stops the receiver with its error; the stop at the end has none.
        if (!stopped.receiverInfo().lastError().isEmpty()) {
          RESTARTS.add(stopped.receiverInfo().lastErrorMessage());
        }
      }

      @Override
      public void onReceiverStarted(StreamingListenerReceiverStarted started) {
        RECEIVER_STARTS.incrementAndGet();
      }
    });
    return context;
  }

  /** Counts the stream's words into {@link #COUNTS} and commits each batch's offsets once it is counted. */
  static void countInto(KafkaReceiverStream stream) {
    JavaDStream<String> lines = RecordTexts.of(stream.records(), ReceivedRecord::value, ValueExtractor.utf8());
    JavaPairDStream<String, Long> counts = WordCounts.perBatch(lines, Tokenizers.whitespace());
    counts.foreachRDD(rdd -> rdd.collect().forEach(pair -> COUNTS.merge(pair._1(), pair._2(), Long::sum)));
    stream.commitWhenOutput(counts);
  }

  /** Waits until the group committed the topic's end offsets and every word of the corpus is counted. */
  static void awaitEverythingCountedAndCommitted(String bootstrap, Corpus corpus, String topic, String group,
      int partitions) {
    Map<TopicPartition, Long> ends = KafkaIo.endOffsets(bootstrap, topic, partitions);
    await("all offsets committed")
        .atMost(Duration.ofSeconds(90)).pollInSameThread()
        .until(() -> KafkaIo.committed(bootstrap, group).equals(ends));
    await("every word counted at least as often as written")
        .atMost(Duration.ofSeconds(30)).pollInSameThread()
        .until(() -> corpus.counts().entrySet().stream()
                .allMatch(e -> COUNTS.getOrDefault(e.getKey(), 0L) >= e.getValue()));
    assertThat(COUNTS).containsOnlyKeys(corpus.counts().keySet());
  }
}
