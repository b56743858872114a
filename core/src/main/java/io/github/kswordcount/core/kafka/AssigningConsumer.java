package io.github.kswordcount.core.kafka;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The driver's consumer of the direct stream: it assigns itself every partition of the topics it
 * matches and, when asked for its assignment, first adds partitions of topics (or partitions) created
 * since. New partitions start at the group's committed offset, else at {@code auto.offset.reset}, because
 * Spark asks {@code position()} for them.
 *
 * <p>Spark's stream calls {@link #assignment()} once per batch on its job generator thread, the only
 * thread that uses this consumer, so the refresh needs no locking.
 */
final class AssigningConsumer extends KafkaConsumer<byte[], byte[]> {

  private final Predicate<String> topics;
  private final long refreshMs;
  private long lastRefresh;

  AssigningConsumer(Map<String, Object> params, Predicate<String> topics, Duration refresh) {
    super(params);
    this.topics = topics;
    this.refreshMs = refresh.toMillis();
  }

  /** Assigns all matching partitions now. */
  void assignMatching() {
    Set<TopicPartition> matching = matchingPartitions();
    if (!matching.equals(super.assignment())) {
      assign(matching);
    }
    lastRefresh = System.nanoTime();
  }

  @Override
  public Set<TopicPartition> assignment() {
    if (System.nanoTime() - lastRefresh >= refreshMs * 1_000_000L) {
      // Only ever grows: Spark refuses an assignment that lost partitions ("revoked").
      Set<TopicPartition> grown = new HashSet<>(super.assignment());
      if (grown.addAll(matchingPartitions())) {
        assign(grown);
      }
      lastRefresh = System.nanoTime();
    }
    return super.assignment();
  }

  private Set<TopicPartition> matchingPartitions() {
    Set<TopicPartition> matching = new HashSet<>();
    for (Map.Entry<String, List<PartitionInfo>> topic : listTopics().entrySet()) {
      if (topics.test(topic.getKey())) {
        for (PartitionInfo p : topic.getValue()) {
          matching.add(new TopicPartition(p.topic(), p.partition()));
        }
      }
    }
    return matching;
  }

}
