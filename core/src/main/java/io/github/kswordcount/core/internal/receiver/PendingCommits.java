package io.github.kswordcount.core.internal.receiver;

import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.core.internal.kafka.KafkaFutures;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread's stored blocks whose offsets wait for their batch to be output, and the check that
 * releases them: the driver announces what was counted in the companion group ({@link CountedLedger}); a
 * block is released once that covers its last record and was written after the block's store began (so a
 * counted offset left from before a reset of the group never releases a block it did not count).
 *
 * <p>Runs on the consumer's thread only.
 */
final class PendingCommits {
  private static final Logger LOG = LoggerFactory.getLogger(PendingCommits.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
  /** How often the companion group is read while blocks wait. */
  private static final long READ_EVERY_MS = 200;

  /** One stored block's share of one partition: its records end before {@code recordEnd}. */
  private record Stored(long recordEnd, long position, long storeBegan) {}

  private final ReceiverSource source;
  private final Map<TopicPartition, List<Stored>> pending = new HashMap<>();
  private long lastRead;

  PendingCommits(ReceiverSource source) {
    this.source = source;
  }

  /**
   * Notes a stored block.
   *
   * @param recordEnds per partition, the offset after the block's last record
   * @param positions per partition, the consumer's position after the block (past any transaction markers)
   * @param storeBegan when the store began, in epoch milliseconds
   */
  void stored(Map<TopicPartition, Long> recordEnds, Map<TopicPartition, OffsetAndMetadata> positions,
      long storeBegan) {
    recordEnds.forEach((partition, end) -> pending.computeIfAbsent(partition, p -> new ArrayList<>())
        .add(new Stored(end, positions.get(partition).offset(), storeBegan)));
  }

  /**
   * Whether any block of these partitions waits.
   *
   * @param partitions the partitions
   * @return {@code true} when one does
   */
  boolean waiting(Collection<TopicPartition> partitions) {
    return partitions.stream().anyMatch(pending::containsKey);
  }

  /**
   * Whether any block of this partition waits.
   *
   * @param partition the partition
   * @return {@code true} when one does
   */
  boolean waiting(TopicPartition partition) {
    return pending.containsKey(partition);
  }

  /**
   * The positions released since the last call: per partition, the furthest position of a block the
   * counted offsets now cover. Reads the companion group at most every 200 ms unless {@code now}.
   *
   * @param now read even if the last read was less than 200 ms ago
   * @return position per partition, empty when nothing was released
   */
  Map<TopicPartition, OffsetAndMetadata> released(boolean now) {
    long time = System.currentTimeMillis();
    if (pending.isEmpty() || (!now && time - lastRead < READ_EVERY_MS)) {
      return Map.of();
    }
    lastRead = time;
    Map<TopicPartition, OffsetAndMetadata> counted = counted();
    Map<TopicPartition, OffsetAndMetadata> released = new HashMap<>();
    for (Iterator<Map.Entry<TopicPartition, List<Stored>>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<TopicPartition, List<Stored>> entry = it.next();
      OffsetAndMetadata announced = counted.get(entry.getKey());
      long writtenAt = announced == null ? -1 : writtenAt(announced);
      if (writtenAt < 0) {
        continue;
      }
      long furthest = -1;
      for (Iterator<Stored> blocks = entry.getValue().iterator(); blocks.hasNext(); ) {
        Stored block = blocks.next();
        if (block.recordEnd() <= announced.offset() && block.storeBegan() <= writtenAt) {
          furthest = Math.max(furthest, block.position());
          blocks.remove();
        }
      }
      if (furthest >= 0) {
        released.put(entry.getKey(), new OffsetAndMetadata(furthest));
      }
      if (entry.getValue().isEmpty()) {
        it.remove();
      }
    }
    return released;
  }

  /**
   * Forgets the waiting blocks of partitions this consumer no longer owns: their next owner reads them again.
   *
   * @param partitions the partitions
   */
  void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(pending::remove);
  }

  private Map<TopicPartition, OffsetAndMetadata> counted() {
    Admin admin = SharedClients.admin(source.consumerParams());
    try {
      Map<TopicPartition, OffsetAndMetadata> found = KafkaFutures.await(
          admin.listConsumerGroupOffsets(source.countedGroup()).partitionsToOffsetAndMetadata(), READ_TIMEOUT,
          "read the counted offsets of group '" + source.countedGroup() + "'");
      return found == null ? Map.of() : found;
    } catch (KafkaCallException e) {
      if (ReceiverFailures.fatalCause(e) != null) {
        throw e; // no restart cures it: the receiver gives up after a few
      }
      LOG.warn("{}; the stored blocks wait", e.getMessage());
      return Map.of();
    }
  }

  private static long writtenAt(OffsetAndMetadata announced) {
    String metadata = announced.metadata();
    if (metadata == null || !metadata.startsWith(CountedLedger.WRITTEN_AT)) {
      return -1;
    }
    try {
      return Long.parseLong(metadata.substring(CountedLedger.WRITTEN_AT.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
