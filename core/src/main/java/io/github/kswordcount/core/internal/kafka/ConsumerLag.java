package io.github.kswordcount.core.internal.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a consumer group's lag per partition through the Admin client: log end offset minus the group's
 * committed offset, as {@code kafka-consumer-groups --describe} computes it.
 *
 * <pre>{@code
 * try (Admin admin = Admin.create(Map.of("bootstrap.servers", "localhost:9092"))) {
 *   long behind = ConsumerLag.total(ConsumerLag.ofTopics(admin, "wordcount", List.of("lab"),
 *       IsolationLevel.READ_COMMITTED, Duration.ofSeconds(10)));
 * }
 * }</pre>
 */
public final class ConsumerLag {

  private static final Comparator<PartitionLag> BY_PARTITION = Comparator
      .comparing((PartitionLag p) -> p.partition().topic()).thenComparingInt(p -> p.partition().partition());

  private ConsumerLag() {}

  /**
   * The group's lag on every partition of the given topics.
   *
   * @param admin an Admin client of the cluster
   * @param group the consumer group
   * @param topics the topics to look at
   * @param isolation whose end offsets count: {@code READ_COMMITTED} readers stop at the last stable offset
   *     (a transaction still open is not lag they can read), {@code READ_UNCOMMITTED} ones at the high watermark
   * @param timeout how long to wait for the cluster
   * @return one entry per partition, in topic and partition order
   * @throws KafkaCallException when a topic does not exist, the cluster does not answer in time, or a call fails
   */
  public static List<PartitionLag> ofTopics(Admin admin, String group, Collection<String> topics,
      IsolationLevel isolation, Duration timeout) {
    Map<String, TopicDescription> descriptions = KafkaFutures.await(admin.describeTopics(topics).allTopicNames(),
        timeout, "describe topics " + topics);
    List<TopicPartition> partitions = new ArrayList<>();
    descriptions.values().forEach(d -> d.partitions()
        .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
    return ofPartitions(admin, group, partitions, isolation, timeout);
  }

  /**
   * The group's lag on the given partitions.
   *
   * @param admin an Admin client of the cluster
   * @param group the consumer group
   * @param partitions the partitions to look at
   * @param isolation whose end offsets count, as in {@link #ofTopics}
   * @param timeout how long to wait for the cluster
   * @return one entry per partition, in topic and partition order
   * @throws KafkaCallException when the cluster does not answer in time or a call fails
   */
  public static List<PartitionLag> ofPartitions(
      Admin admin, String group, Collection<TopicPartition> partitions, IsolationLevel isolation, Duration timeout) {
    Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group, timeout);
    Map<TopicPartition, OffsetSpec> latest = partitions.stream()
        .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest(), (a, b) -> a));
    Map<TopicPartition, ListOffsetsResultInfo> ends = KafkaFutures.await(
        admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all(), timeout,
        "read the end offsets of " + partitions.size() + " partitions");
    List<PartitionLag> lags = new ArrayList<>(ends.size());
    ends.forEach((tp, end) -> {
      OffsetAndMetadata done = committed.get(tp);
      lags.add(new PartitionLag(tp, done == null ? -1L : done.offset(), end.offset()));
    });
    lags.sort(BY_PARTITION);
    return lags;
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group, Duration timeout) {
    return KafkaFutures.await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), timeout,
        "read the committed offsets of group '" + group + "'");
  }

  /**
   * The lags once these offsets are committed: a partition whose offset here is ahead of the group's counts from
   * it. For a commit the group does not show yet when its lag is read (a transaction's offsets become visible
   * with its markers, a receiver commits what its driver announced a moment later).
   *
   * @param lags entries from {@link #ofTopics} or {@link #ofPartitions}
   * @param committed per partition, the offset of the next record to read
   * @return the entries, in the same order
   */
  public static List<PartitionLag> afterCommitting(List<PartitionLag> lags, Map<TopicPartition, Long> committed) {
    return lags.stream().map(lag -> new PartitionLag(lag.partition(),
        Math.max(lag.committedOffset(), committed.getOrDefault(lag.partition(), -1L)), lag.endOffset())).toList();
  }

  /**
   * Sums the lag of the given partitions.
   *
   * @param lags entries from {@link #ofTopics} or {@link #ofPartitions}
   * @return the total number of records the group has still to read
   */
  public static long total(Collection<PartitionLag> lags) {
    long total = 0;
    for (PartitionLag lag : lags) {
      total += lag.lag();
    }
    return total;
  }
}
