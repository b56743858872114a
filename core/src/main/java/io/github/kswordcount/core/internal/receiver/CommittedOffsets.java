package io.github.kswordcount.core.internal.receiver;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread's committed offsets, kept by its rebalance listener: what the group holds for each
 * assigned partition, as last read or committed here. Runs on the consumer's thread (inside {@code poll}).
 *
 * <p>On assignment it commits the start position of every partition the group has no offset for, as Kafka's
 * auto-commit would: without it a partition that never gets a record has no committed offset, its lag is
 * unknown, and with {@code auto.offset.reset=latest} a restart would skip what arrived in between. The start
 * position is where {@code auto.offset.reset} says, except for a topic a pattern found after the receiver
 * started: it starts at its earliest offset, so the records written before it was found are read.
 */
final class CommittedOffsets implements ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(CommittedOffsets.class);
  /** How long a revoked partition's stored blocks may take to be output before the partition is let go. */
  private static final long REVOKE_WAIT_MS = 30_000;
  private static final long REVOKE_CHECK_MS = 100;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Set<String> topicsAtStart;
  private final PendingCommits pending;
  private final BooleanSupplier running;
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  /**
   * A listener for one consumer.
   *
   * @param consumer the consumer whose listener this is
   * @param topicsAtStart the topics that existed when the receiver started, or {@code null} to start every
   *     partition without a committed offset where {@code auto.offset.reset} says
   * @param pending the thread's stored blocks waiting for their commit
   * @param running whether the receiver start still runs: a stopping one does not wait on revocation
   */
  CommittedOffsets(KafkaConsumer<byte[], byte[]> consumer, Set<String> topicsAtStart, PendingCommits pending,
      BooleanSupplier running) {
    this.consumer = consumer;
    this.topicsAtStart = topicsAtStart;
    this.pending = pending;
    this.running = running;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    // The rebalance is over: partitions held back after a refused commit may be read again.
    consumer.resume(consumer.paused());
    Map<TopicPartition, OffsetAndMetadata> found = consumer.committed(new HashSet<>(partitions));
    Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = found.get(partition);
      if (offset != null) {
        committed.put(partition, offset.offset());
      } else {
        if (topicsAtStart != null && !topicsAtStart.contains(partition.topic())) {
          // Found by the pattern after the start: what was written before it was found is counted too.
          consumer.seekToBeginning(List.of(partition));
        }
        starts.put(partition, new OffsetAndMetadata(consumer.position(partition)));
      }
    }
    commit(starts);
  }

  /**
   * Before a partition goes to another member, waits (at most 30 s) for the batches holding its stored blocks
   * to be output and commits them, so the next owner starts after them and nothing is counted twice. A
   * stopping receiver does not wait: Spark outputs its last blocks only after the receivers have stopped, and
   * the next owner reads them again.
   */
  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    long deadline = System.currentTimeMillis() + REVOKE_WAIT_MS;
    try {
      while (pending.waiting(partitions) && running.getAsBoolean() && System.currentTimeMillis() < deadline) {
        commit(pending.released(true));
        if (pending.waiting(partitions)) {
          Thread.sleep(REVOKE_CHECK_MS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (KafkaException e) {
      // Woken by a stop, or the group went on without us: the next owner reads the rest again.
      LOG.debug("Commit on revocation of {} ended: {}", partitions, e.toString());
    }
    if (pending.waiting(partitions)) {
      LOG.info("Partitions {} revoked with stored blocks not yet output: their next owner reads those records "
          + "again", partitions);
    }
    forget(partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    forget(partitions);
  }

  private void forget(Collection<TopicPartition> partitions) {
    pending.forget(partitions);
    partitions.forEach(committed::remove);
  }

  /**
   * Commits synchronously the offsets beyond what is committed, and remembers them.
   *
   * @param offsets the next offset to read per partition
   */
  void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    Map<TopicPartition, OffsetAndMetadata> forward = new HashMap<>(offsets);
    forward.entrySet().removeIf(e -> committed.getOrDefault(e.getKey(), -1L) >= e.getValue().offset());
    if (!forward.isEmpty()) {
      consumer.commitSync(forward);
      forward.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }
  }

  /**
   * The next offsets to commit after a poll: the consumer's position in each partition, past the records
   * polled and past any transaction markers and aborted records that followed them (the last record's offset
   * + 1 would leave a topic written with transactions one marker short of its end, with a lag that never
   * reaches 0).
   *
   * @param partitions the partitions the poll returned records of
   * @return offset per partition
   */
  Map<TopicPartition, OffsetAndMetadata> positions(Set<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    partitions.forEach(p -> next.put(p, new OffsetAndMetadata(consumer.position(p))));
    return next;
  }

  /**
   * The positions that moved past the committed offset on a poll without records: a transaction's commit
   * marker, or aborted records, read after the last record. Only partitions with no stored block waiting:
   * every record before their position has been output, so these may be committed as they are.
   *
   * @return offset per partition, empty when none moved
   */
  Map<TopicPartition, OffsetAndMetadata> movedWithoutRecords() {
    Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
    Set<TopicPartition> paused = consumer.paused();
    committed.forEach((partition, offset) -> {
      if (!paused.contains(partition) && !pending.waiting(partition)) {
        try {
          long position = consumer.position(partition, Duration.ZERO);
          if (position > offset) {
            moved.put(partition, new OffsetAndMetadata(position));
          }
        } catch (TimeoutException e) {
          // No position yet: the consumer is still looking it up.
        }
      }
    });
    return moved;
  }

  /**
   * After a commit the group refused (it is rebalancing, or has moved on without this member): reads the
   * partitions still assigned again from their committed offsets, as a consumer newly assigned them would,
   * and holds them back until the rebalance completes, so the same records are not stored over and over
   * while it lasts (with the cooperative assignor a consumer keeps fetching during a rebalance).
   */
  void rereadFromCommitted() {
    for (TopicPartition partition : consumer.assignment()) {
      Long offset = committed.get(partition);
      if (offset != null) {
        consumer.seek(partition, offset);
      }
    }
    consumer.pause(consumer.assignment());
  }
}
