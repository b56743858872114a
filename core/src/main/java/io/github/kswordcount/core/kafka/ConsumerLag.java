package io.github.kswordcount.core.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a consumer group's lag per partition through the Admin client: log end offset minus the group's
 * committed offset, as {@code kafka-consumer-groups --describe} computes it.
 *
 * <pre>{@code
 * try (Admin admin = Admin.create(Map.of("bootstrap.servers", "localhost:9092"))) {
 *   long behind = ConsumerLag.total(ConsumerLag.ofTopics(admin, "wordcount", List.of("lab"), Duration.ofSeconds(10)));
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
   * @param timeout how long to wait for the cluster
   * @return one entry per partition, in topic and partition order
   * @throws KafkaCallException when a topic does not exist, the cluster does not answer in time, or a call fails
   */
  public static List<PartitionLag> ofTopics(Admin admin, String group, Collection<String> topics, Duration timeout) {
    Map<String, TopicDescription> descriptions = get(admin.describeTopics(topics).allTopicNames(), timeout,
        "describe topics " + topics);
    List<TopicPartition> partitions = new ArrayList<>();
    descriptions.values().forEach(d -> d.partitions()
        .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
    return ofPartitions(admin, group, partitions, timeout);
  }

  /**
   * The group's lag on the given partitions.
   *
   * @param admin an Admin client of the cluster
   * @param group the consumer group
   * @param partitions the partitions to look at
   * @param timeout how long to wait for the cluster
   * @return one entry per partition, in topic and partition order
   * @throws KafkaCallException when the cluster does not answer in time or a call fails
   */
  public static List<PartitionLag> ofPartitions(
      Admin admin, String group, Collection<TopicPartition> partitions, Duration timeout) {
    return lags(admin, committed(admin, group, timeout), partitions, timeout);
  }

  private static List<PartitionLag> lags(Admin admin, Map<TopicPartition, OffsetAndMetadata> committed,
      Collection<TopicPartition> partitions, Duration timeout) {
    Map<TopicPartition, OffsetSpec> latest = partitions.stream()
        .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest(), (a, b) -> a));
    Map<TopicPartition, ListOffsetsResultInfo> ends = get(admin.listOffsets(latest).all(), timeout,
        "read the end offsets of " + partitions.size() + " partitions");
    List<PartitionLag> lags = new ArrayList<>(ends.size());
    ends.forEach((tp, end) -> {
      OffsetAndMetadata done = committed.get(tp);
      lags.add(new PartitionLag(tp, done == null ? -1L : done.offset(), end.offset()));
    });
    lags.sort(BY_PARTITION);
    return lags;
  }

  /**
   * The group's lag on every partition it has committed offsets for: what
   * {@code kafka-consumer-groups --describe --group} lists.
   *
   * @param admin an Admin client of the cluster
   * @param group the consumer group
   * @param timeout how long to wait for the cluster
   * @return one entry per partition, in topic and partition order
   * @throws KafkaCallException when the cluster does not answer in time or a call fails
   */
  public static List<PartitionLag> ofGroup(Admin admin, String group, Duration timeout) {
    Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group, timeout);
    return lags(admin, committed, committed.keySet(), timeout);
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group, Duration timeout) {
    return get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), timeout,
        "read the committed offsets of group '" + group + "'");
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

  /**
   * Waits for an Admin result, turning every failure into a one-line {@link KafkaCallException}.
   *
   * @param future the result
   * @param timeout how long to wait
   * @param what what was tried, for the message ("list topics")
   * @param <T> the result type
   * @return the result
   * @throws KafkaCallException when the call failed or timed out
   */
  public static <T> T get(KafkaFuture<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaCallException("interrupted while trying to " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new KafkaCallException("cannot " + what + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new KafkaCallException("cannot " + what + ": no answer from Kafka within " + timeout.toMillis() + " ms", e);
    }
  }
}
