package io.github.kswordcount.core.kafka;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.kafka010.HasOffsetRanges;
import org.apache.spark.streaming.kafka010.OffsetRange;

/**
 * Remembers each batch's offset ranges on the driver, from the moment Spark creates the batch's RDD until
 * the batch's last output operation takes them to commit.
 *
 * <p>{@code HasOffsetRanges} works only on the RDD straight from the direct stream, while a commit belongs
 * after the word counts' output; this ledger carries the ranges between the two, keyed by batch time. It
 * sits in checkpointed closures: after a restart from a checkpoint Spark regenerates the pending batches,
 * which fills the ledger again.
 */
public final class BatchOffsets implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final OffsetRange[] NONE = new OffsetRange[0];

  private transient Map<Time, OffsetRange[]> ranges = new ConcurrentHashMap<>();

  /**
   * Passes the stream through, noting each batch's ranges.
   *
   * @param stream the direct stream from {@code KafkaUtils.createDirectStream}
   * @param <K> key type
   * @param <V> value type
   * @return the same records
   */
  public <K, V> JavaDStream<ConsumerRecord<K, V>> track(JavaInputDStream<ConsumerRecord<K, V>> stream) {
    return stream.transform((rdd, time) -> {
      ranges.put(time, ((HasOffsetRanges) rdd.rdd()).offsetRanges());
      return rdd;
    });
  }

  /**
   * Removes and returns the ranges of a batch.
   *
   * @param time the batch time
   * @return its ranges, or none when the batch read nothing
   */
  public OffsetRange[] take(Time time) {
    OffsetRange[] taken = ranges.remove(time);
    return taken == null ? NONE : taken;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    ranges = new ConcurrentHashMap<>();
  }
}
