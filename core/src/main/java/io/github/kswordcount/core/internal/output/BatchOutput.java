package io.github.kswordcount.core.internal.output;

import io.github.kswordcount.core.internal.kafka.BatchRange;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.streaming.Time;

/**
 * A direct job's last step for each batch: write the counts, then move the group's offsets past the batch, in
 * one output operation, so that a write that failed can never be followed by its commit.
 */
public interface BatchOutput extends Serializable {

  /**
   * Writes one batch (or one window slide) and commits its offsets.
   *
   * @param counts the counts to write
   * @param time the batch time (the window's end for a window slide)
   * @param batch the batch's ranges, one per partition
   * @return the offsets committed, per partition the next record to read; empty when the group did not move
   * @throws Exception when a sink, the write or the commit failed ({@link
   *     io.github.kswordcount.core.kafka.KafkaCallException} for Kafka); nothing is committed then
   */
  Map<TopicPartition, Long> write(JavaPairRDD<String, Long> counts, Time time, List<BatchRange> batch)
      throws Exception;

  /** Gets ready before the stream starts (a transactional writer fences older runs of its group here). */
  default void start() {}
}
