package io.github.kswordcount.core.internal.receiver;

import java.io.Serializable;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Called by the receiver right after a block's store, before the block waits for its batch's output and
 * its commit. Production code passes {@link #NOTHING}; tests use it to stop a job exactly there.
 */
@FunctionalInterface
public interface AfterStore extends Serializable {
  /** Does nothing. */
  AfterStore NOTHING = offsets -> { };

  /**
   * Runs after a block is stored, long before its offsets are committed.
   *
   * @param offsets the offsets to be committed once the block's batch is output
   * @throws InterruptedException to stop the consumer thread without committing
   */
  void stored(Map<TopicPartition, OffsetAndMetadata> offsets) throws InterruptedException;
}
