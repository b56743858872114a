package io.github.kswordcount.core.internal.kafka;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What {@link OffsetCommitter#plan} decided for a batch.
 *
 * @param write whether the batch's output is to be written: {@code false} when the group has already passed it
 * @param offsets what to commit once the output is written; empty when the group's offsets do not move
 */
public record CommitPlan(boolean write, Map<TopicPartition, OffsetAndMetadata> offsets) {

  /**
   * The offsets to commit, without their metadata.
   *
   * @return per partition, the offset of the next record to read
   */
  public Map<TopicPartition, Long> positions() {
    return offsets.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }
}
