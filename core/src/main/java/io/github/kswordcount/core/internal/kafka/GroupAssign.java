package io.github.kswordcount.core.internal.kafka;

import io.github.kswordcount.core.kafka.Topics;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.apache.spark.streaming.kafka010.ConsumerStrategy;
import org.apache.spark.streaming.kafka010.OffsetRange;

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
 * ({@code NoClassDefFoundError: NoOpConsumerRebalanceListener}, fixed in Spark 4.0). {@link Topics}
 * matches topic names itself and picks up matching topics created while the job runs.
 */
public final class GroupAssign<V> extends ConsumerStrategy<byte[], V> implements Serializable {
  private static final long serialVersionUID = 1L;
  /** How often the driver looks for new matching topics and partitions. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);
  /** The driver consumer of each group's stream in this JVM, for {@link #endRun}. */
  private static final Map<String, AssigningConsumer> DRIVER_CONSUMERS = new ConcurrentHashMap<>();

  private final HashMap<String, Object> params;
  /** What the executors read with: {@link #params}, but for the value deserializer of {@link #ofValueBuffers}. */
  private final HashMap<String, Object> executorParams;
  private final Topics topics;
  private final Duration refresh;
  private transient AssigningConsumer driverConsumer;

  private GroupAssign(Map<String, Object> params, Map<String, Object> executorParams, Topics topics,
      Duration refresh) {
    if (Boolean.parseBoolean(String.valueOf(params.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)))) {
      throw new IllegalArgumentException("enable.auto.commit must be false: offsets are committed after each batch");
    }
    if (params.get(ConsumerConfig.GROUP_ID_CONFIG) == null) {
      throw new IllegalArgumentException("consumer parameters have no group.id");
    }
    this.params = new HashMap<>(params);
    this.executorParams = new HashMap<>(executorParams);
    this.topics = topics;
    this.refresh = refresh;
  }

  /**
   * Reads every partition of the topics, and with a pattern also of matching topics created later.
   *
   * @param topics topic names or a pattern
   * @param params consumer parameters, as from {@link KafkaParams}
   * @param refresh how often to look for new partitions and matching topics
   * @return the strategy
   */
  public static GroupAssign<byte[]> of(Topics topics, Map<String, Object> params, Duration refresh) {
    return new GroupAssign<>(params, params, topics, refresh);
  }

  /**
   * As {@link #of}, with the executors reading each value as Kafka's {@code ByteBufferDeserializer} gives it: a view
   * of the fetched bytes instead of a copy. For a count that reads each value once, in the task that polled it.
   *
   * @param topics topic names or a pattern
   * @param params consumer parameters, as from {@link KafkaParams}
   * @param refresh how often to look for new partitions and matching topics
   * @return the strategy
   */
  public static GroupAssign<ByteBuffer> ofValueBuffers(Topics topics, Map<String, Object> params, Duration refresh) {
    Map<String, Object> executorParams = new HashMap<>(params);
    executorParams.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
    return new GroupAssign<>(params, executorParams, topics, refresh);
  }

  /**
   * A failed run of the group is being closed: its stream asks Kafka for no more batches, and a call waiting for a
   * broker that is gone ends now, so Spark's stop is not held up by it. Nothing for a group without a stream here.
   *
   * @param group the run's consumer group
   */
  public static void endRun(String group) {
    AssigningConsumer consumer = DRIVER_CONSUMERS.remove(group);
    if (consumer != null) {
      consumer.end();
    }
  }

  @Override
  public Map<String, Object> executorKafkaParams() {
    return new HashMap<>(executorParams);
  }

  /**
   * The driver's consumer. It reads byte arrays whatever the executors read: Spark's stream takes only positions
   * and offsets from it, never a value, so the cast to the executors' value type is never tried on one.
   */
  @Override
  @SuppressWarnings("unchecked")
  public Consumer<byte[], V> onStart(Map<TopicPartition, Long> currentOffsets) {
    AssigningConsumer consumer = new AssigningConsumer(params, topics, refresh);
    driverConsumer = consumer;
    DRIVER_CONSUMERS.put(String.valueOf(params.get(ConsumerConfig.GROUP_ID_CONFIG)), consumer);
    consumer.assignMatching();
    consumer.freezeMissing(currentOffsets);
    // Restarted from a checkpoint: Spark's own offsets beat the group's.
    currentOffsets.forEach((tp, offset) -> {
      if (consumer.assignment().contains(tp)) {
        consumer.seek(tp, offset);
      }
    });
    return (Consumer<byte[], V>) (Consumer<?, ?>) consumer;
  }

  /**
   * Where the group's offsets may move once a range is done: its {@code untilOffset}, or past the transaction
   * markers that follow it (see {@link AssigningConsumer}). Call on the driver, right after the range's batch
   * was generated.
   *
   * @param range a range of the latest batch
   * @return the offset to commit for it
   */
  long commitPosition(OffsetRange range) {
    AssigningConsumer consumer = driverConsumer;
    return consumer == null ? range.untilOffset()
        : consumer.commitPosition(range.topicPartition(), range.untilOffset());
  }

  /**
   * Whether a partition's topic was deleted while the job ran (it is then left out of commits).
   *
   * @param partition the partition
   * @return {@code true} when it is no longer read
   */
  boolean isGone(TopicPartition partition) {
    AssigningConsumer consumer = driverConsumer;
    return consumer != null && consumer.isGone(partition);
  }

  /** The consumer group whose offsets this strategy starts from. */
  String group() {
    return params.get(ConsumerConfig.GROUP_ID_CONFIG).toString();
  }

  @Override
  public String toString() {
    return "GroupAssign(" + topics + ", group " + group() + ")";
  }
}
