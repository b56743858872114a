package io.github.kswordcount.consumer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Where each partition starts and stops for kcat's habits: {@code --from-time} seeks a partition, the first time it
 * is assigned, to its first record at or after the time (or to its end, as kcat's {@code -o s@}); {@code
 * --exit-at-end} takes its end offset then and stops it there; {@code --to-time} stops it at its first record after
 * the time. A stopped partition is positioned at its stop (so a commit covers only what was printed) and paused;
 * the tool ends once every assigned partition has stopped.
 */
final class PartitionStops implements ConsumerRebalanceListener {

  private static final Comparator<TopicPartition> BY_TOPIC_AND_PARTITION =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private final Consumer<byte[], byte[]> consumer;
  private final boolean exitAtEnd;
  private final OptionalLong fromTime;
  private final OptionalLong toTime;
  private final Set<TopicPartition> seen = new HashSet<>();
  private final Map<TopicPartition, Long> ends = new HashMap<>();
  private final Map<TopicPartition, Long> stopped = new HashMap<>();
  private boolean assignmentKnown;

  PartitionStops(Consumer<byte[], byte[]> consumer, ConsumerSettings settings) {
    this.consumer = consumer;
    this.exitAtEnd = settings.exitAtEnd();
    this.fromTime = settings.fromTime();
    this.toTime = settings.toTime();
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    assignmentKnown = true;
    List<TopicPartition> fresh = partitions.stream().filter(seen::add).toList();
    if (!fresh.isEmpty() && fromTime.isPresent()) {
      seekToTime(fresh, fromTime.getAsLong());
    }
    if (!fresh.isEmpty() && exitAtEnd) {
      ends.putAll(consumer.endOffsets(fresh));
    }
    // A rebalance forgets the pause of a partition that had stopped.
    List<TopicPartition> stoppedBefore = partitions.stream().filter(stopped::containsKey).toList();
    if (!stoppedBefore.isEmpty()) {
      consumer.pause(stoppedBefore);
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    // Their stops are kept: a partition assigned again stays stopped.
  }

  private void seekToTime(List<TopicPartition> partitions, long time) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(partition -> query.put(partition, time));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    List<TopicPartition> none = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp at = found.get(partition);
      if (at == null) {
        none.add(partition);
      } else {
        consumer.seek(partition, at.offset());
      }
    }
    if (!none.isEmpty()) { // an empty list would mean every assigned partition
      consumer.seekToEnd(none);
    }
  }

  /**
   * Whether a record is printed; the first one past its partition's stop stops that partition instead.
   *
   * @param record a record polled
   * @return {@code true} to hand it out
   */
  boolean admit(ConsumerRecord<byte[], byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    if (stopped.containsKey(partition)) {
      return false;
    }
    Long end = ends.get(partition);
    boolean pastEnd = end != null && record.offset() >= end;
    boolean pastTime = toTime.isPresent() && record.timestamp() > toTime.getAsLong();
    if (pastEnd || pastTime) {
      stop(partition, record.offset());
      consumer.seek(partition, record.offset());
      return false;
    }
    return true;
  }

  /**
   * Whether every assigned partition has stopped (once the assignment is known); a partition read up to the end
   * offset taken at its assignment stops here.
   *
   * @return {@code true} when the tool is done
   */
  boolean allStopped() {
    if (!assignmentKnown) {
      return false;
    }
    for (TopicPartition partition : consumer.assignment()) {
      if (stopped.containsKey(partition)) {
        continue;
      }
      Long end = ends.get(partition);
      if (end == null || consumer.position(partition) < end) {
        return false;
      }
      stop(partition, end);
    }
    return true;
  }

  private void stop(TopicPartition partition, long offset) {
    stopped.put(partition, offset);
    consumer.pause(List.of(partition));
  }

  /**
   * Whether a partition has stopped (its position is its stop, not the records polled after it).
   *
   * @param partition the partition
   * @return {@code true} when stopped
   */
  boolean isStopped(TopicPartition partition) {
    return stopped.containsKey(partition);
  }

  /**
   * Where each partition stopped, in topic and partition order.
   *
   * @return e.g. {@code lab-0 at offset 120, lab-1 at offset 98}
   */
  String describe() {
    return stopped.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(BY_TOPIC_AND_PARTITION))
        .map(e -> e.getKey() + " at offset " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
