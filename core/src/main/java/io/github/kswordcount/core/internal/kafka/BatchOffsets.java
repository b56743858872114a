package io.github.kswordcount.core.internal.kafka;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.kafka010.HasOffsetRanges;
import org.apache.spark.streaming.kafka010.OffsetRange;

/**
 * Remembers each batch's offsets on the driver, from the moment Spark creates the batch's RDD until the
 * batch's output step takes them to commit.
 *
 * <p>{@code HasOffsetRanges} works only on the RDD straight from the direct stream, while a commit belongs
 * after the word counts' output; this ledger carries the ranges between the two, keyed by batch time. It
 * sits in checkpointed closures: after a restart from a checkpoint Spark regenerates the pending batches,
 * which fills the ledger again.
 */
public final class BatchOffsets implements Serializable {
  private static final long serialVersionUID = 2L;

  private final GroupAssign<?> strategy;
  private transient ConcurrentSkipListMap<Long, List<BatchRange>> batches = new ConcurrentSkipListMap<>();

  /**
   * A ledger for a stream created with {@code strategy}.
   *
   * @param strategy the stream's consumer strategy, which knows where each range may be committed
   */
  public BatchOffsets(GroupAssign<?> strategy) {
    this.strategy = strategy;
  }

  /**
   * Passes the stream through, noting each batch's ranges.
   *
   * @param stream the direct stream from {@code KafkaUtils.createDirectStream} with this ledger's strategy
   * @param <K> key type
   * @param <V> value type
   * @return the same records
   */
  public <K, V> JavaDStream<ConsumerRecord<K, V>> track(JavaInputDStream<ConsumerRecord<K, V>> stream) {
    return stream.transform((rdd, time) -> {
      List<BatchRange> ranges = new ArrayList<>();
      for (OffsetRange r : ((HasOffsetRanges) rdd.rdd()).offsetRanges()) {
        if (strategy.isGone(r.topicPartition())) {
          continue;
        }
        ranges.add(new BatchRange(r.topicPartition(), r.fromOffset(), r.untilOffset(), strategy.commitPosition(r)));
      }
      batches.put(time.milliseconds(), List.copyOf(ranges));
      return rdd;
    });
  }

  /**
   * Removes the ranges of every batch up to {@code time} and merges them per partition: one batch's, or a
   * window slide's worth.
   *
   * @param time the batch time
   * @return per partition, from the earliest batch's start to the latest batch's end; empty when none
   */
  public List<BatchRange> takeUpTo(Time time) {
    Map<TopicPartition, BatchRange> merged = new LinkedHashMap<>();
    Iterator<List<BatchRange>> it = batches.headMap(time.milliseconds(), true).values().iterator();
    while (it.hasNext()) {
      for (BatchRange r : it.next()) {
        merged.merge(r.partition(), r, (a, b) -> new BatchRange(a.partition(), Math.min(a.fromOffset(), b.fromOffset()),
            Math.max(a.untilOffset(), b.untilOffset()), b.untilOffset() >= a.untilOffset() ? b.commitOffset()
                : a.commitOffset()));
      }
      it.remove();
    }
    return List.copyOf(merged.values());
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    batches = new ConcurrentSkipListMap<>();
  }
}
