package io.github.kswordcount.core.internal.receiver;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.util.AccumulatorV2;

/**
 * A Spark accumulator of the records one batch counted: per partition, the offset after the highest record
 * read. Taking the maximum makes it idempotent, so a task run twice (a retry, a recomputed cache) adds nothing.
 */
final class ReceivedOffsets extends AccumulatorV2<ReceivedRecord, Map<TopicPartition, Long>> {
  private static final long serialVersionUID = 1L;

  private final HashMap<TopicPartition, Long> next = new HashMap<>();

  @Override
  public boolean isZero() {
    return next.isEmpty();
  }

  @Override
  public ReceivedOffsets copy() {
    ReceivedOffsets copy = new ReceivedOffsets();
    copy.next.putAll(next);
    return copy;
  }

  @Override
  public void reset() {
    next.clear();
  }

  @Override
  public void add(ReceivedRecord record) {
    next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
  }

  @Override
  public void merge(AccumulatorV2<ReceivedRecord, Map<TopicPartition, Long>> other) {
    other.value().forEach((partition, offset) -> next.merge(partition, offset, Math::max));
  }

  @Override
  public Map<TopicPartition, Long> value() {
    return next;
  }
}
