package io.github.kswordcount.core.kafka;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.kafka010.ConsumerStrategy;

/**
 * A consumer strategy for Spark's direct stream that assigns partitions instead of subscribing, and
 * starts each partition at its consumer group's committed offset (else at {@code auto.offset.reset}).
 *
 * <p>Why not {@code Subscribe}: a subscribed driver consumer is an active member of the group, and the
 * broker then refuses the synchronous, generation-less commits of {@link OffsetCommitter} and of
 * transactional producers. Assigned, the group stays empty, its offsets are ours to commit, and
 * {@code kafka-consumer-groups --describe} still shows its lag.
 *
 * <p>Why not {@code SubscribePattern}: in Spark 3.5 it fails with kafka-clients 3.7 and newer
 * ({@code NoClassDefFoundError: NoOpConsumerRebalanceListener}, fixed in Spark 4.0). {@link #pattern}
 * matches topic names itself and picks up matching topics created while the job runs.
 */
public final class GroupAssign extends ConsumerStrategy<byte[], byte[]> implements Serializable {
  private static final long serialVersionUID = 1L;
  /** How often the driver looks for new matching topics and partitions. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);

  private final HashMap<String, Object> params;
  private final TopicMatcher topics;
  private final Duration refresh;

  private GroupAssign(Map<String, Object> params, TopicMatcher topics, Duration refresh) {
    if (Boolean.parseBoolean(String.valueOf(params.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)))) {
      throw new IllegalArgumentException("enable.auto.commit must be false: offsets are committed after each batch");
    }
    if (params.get(ConsumerConfig.GROUP_ID_CONFIG) == null) {
      throw new IllegalArgumentException("consumer parameters have no group.id");
    }
    this.params = new HashMap<>(params);
    this.topics = topics;
    this.refresh = refresh;
  }

  /**
   * Reads every partition of the named topics.
   *
   * @param topics topic names
   * @param params consumer parameters, as from {@link KafkaParams}
   * @return the strategy
   */
  public static GroupAssign topics(Collection<String> topics, Map<String, Object> params) {
    return new GroupAssign(params, new TopicMatcher(Set.copyOf(topics), null), DEFAULT_REFRESH);
  }

  /**
   * Reads every partition of the topics whose whole name matches the pattern, now and created later.
   *
   * @param pattern a regular expression for topic names
   * @param params consumer parameters, as from {@link KafkaParams}
   * @param refresh how often to look for new matching topics
   * @return the strategy
   */
  public static GroupAssign pattern(Pattern pattern, Map<String, Object> params, Duration refresh) {
    return new GroupAssign(params, new TopicMatcher(null, pattern), refresh);
  }

  @Override
  public Map<String, Object> executorKafkaParams() {
    return new HashMap<>(params);
  }

  @Override
  public Consumer<byte[], byte[]> onStart(Map<TopicPartition, Long> currentOffsets) {
    AssigningConsumer consumer = new AssigningConsumer(params, topics, refresh);
    consumer.assignMatching();
    // Restarted from a checkpoint: Spark's own offsets beat the group's.
    currentOffsets.forEach((tp, offset) -> {
      if (consumer.assignment().contains(tp)) {
        consumer.seek(tp, offset);
      }
    });
    return consumer;
  }

  /** The consumer group whose offsets this strategy starts from. */
  String group() {
    return params.get(ConsumerConfig.GROUP_ID_CONFIG).toString();
  }

  @Override
  public String toString() {
    return "GroupAssign(" + topics + ", group " + group() + ")";
  }

  /** Names or a pattern; serializable, unlike a lambda over a {@code Pattern} would be worth relying on. */
  static final class TopicMatcher implements Predicate<String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final Set<String> names;
    private final Pattern pattern;

    TopicMatcher(Set<String> names, Pattern pattern) {
      this.names = names;
      this.pattern = pattern;
    }

    @Override
    public boolean test(String topic) {
      return names != null ? names.contains(topic) : pattern.matcher(topic).matches();
    }

    @Override
    public String toString() {
      return names != null ? "topics " + List.copyOf(names) : "pattern " + pattern;
    }
  }
}
