package io.github.kswordcount.core.internal.kafka;

import java.io.Serializable;
import org.apache.kafka.common.TopicPartition;

/**
 * One partition's part of a batch: Spark's offset range {@code [fromOffset, untilOffset)} and the offset the
 * group moves to once the batch is done, which is past the transaction markers and aborted records that
 * follow the range's last visible record ({@code commitOffset >= untilOffset}).
 *
 * @param partition the partition
 * @param fromOffset the first offset of the range
 * @param untilOffset one past the range's last record
 * @param commitOffset the group's next offset to read after the batch
 */
public record BatchRange(TopicPartition partition, long fromOffset, long untilOffset, long commitOffset)
    implements Serializable {

  /**
   * The number of offsets in Spark's range (records, markers and aborted records alike).
   *
   * @return {@code untilOffset - fromOffset}
   */
  public long size() {
    return untilOffset - fromOffset;
  }

  @Override
  public String toString() {
    return partition + " [" + fromOffset + ", " + untilOffset + ")"
        + (commitOffset == untilOffset ? "" : " commit " + commitOffset);
  }
}
