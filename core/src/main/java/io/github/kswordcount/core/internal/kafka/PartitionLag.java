package io.github.kswordcount.core.internal.kafka;

import org.apache.kafka.common.TopicPartition;

/**
 * One partition's position for a consumer group: the committed offset (-1 when the group has none), the
 * log end offset, and the lag between them, as {@code kafka-consumer-groups --describe} shows them.
 *
 * @param partition the topic partition
 * @param committedOffset the group's committed offset, or -1 when it has none
 * @param endOffset the partition's log end offset (the offset the next record will get)
 */
public record PartitionLag(TopicPartition partition, long committedOffset, long endOffset) {

  /**
   * The records the group has still to read: end offset minus committed offset, or the whole log end
   * offset when the group has no committed offset.
   *
   * @return the lag, never negative
   */
  public long lag() {
    return Math.max(0L, endOffset - Math.max(0L, committedOffset));
  }

  @Override
  public String toString() {
    return partition + " committed=" + (committedOffset < 0 ? "-" : Long.toString(committedOffset))
        + " end=" + endOffset + " lag=" + lag();
  }
}
