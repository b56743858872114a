package io.github.kswordcount.core.kafka;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.kafka010.OffsetRange;

/**
 * Stores a batch's offsets in its consumer group synchronously, after the batch's output has finished.
 *
 * <p>Guarantee: when {@link #commit(OffsetRange[])} returns, the group's committed offsets are the batch's
 * {@code untilOffset}s on the broker; when it throws, nothing is known to be committed and the batch will be
 * read again after a restart (at-least-once). Spark's own {@code CanCommitOffsets.commitAsync} only queues
 * offsets for the next batch and drops the last batch's on stop (SPARK-20050); this committer does neither.
 *
 * <p>Commits go through the Admin client as a simple (generation-less) commit, which the broker accepts
 * only while the group has no active members: the stream must {@code assign} partitions rather than
 * {@code subscribe} with this group (as this project's direct job does), or the commit fails with
 * {@code GroupNotEmptyException}.
 *
 * <p>Serializable, so it can sit in a checkpointed {@code foreachRDD} closure; it uses the
 * {@link SharedAdmins} client of its settings, which is never serialized.
 */
public final class OffsetCommitter implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Object> adminConfig;
  private final String group;
  private final long timeoutMs;

  private OffsetCommitter(Map<String, Object> adminConfig, String group, Duration timeout) {
    this.adminConfig = adminConfig;
    this.group = group;
    this.timeoutMs = timeout.toMillis();
  }

  /**
   * Creates a committer for the group named in consumer parameters.
   *
   * @param consumerParams parameters as from {@link KafkaParams}: {@code bootstrap.servers}, {@code group.id}
   *     and any security settings are used, the rest ignored
   * @param timeout how long one commit may take before it fails
   * @return the committer
   */
  public static OffsetCommitter forGroup(Map<String, Object> consumerParams, Duration timeout) {
    Object group = consumerParams.get(ConsumerConfig.GROUP_ID_CONFIG);
    if (group == null) {
      throw new IllegalArgumentException("consumer parameters have no group.id");
    }
    return new OffsetCommitter(adminConfig(consumerParams), group.toString(), timeout);
  }

  /**
   * The Admin client settings within consumer parameters (connection and security), so that the Admin
   * client does not warn about consumer-only keys.
   *
   * @param consumerParams consumer parameters
   * @return the subset that configures an Admin client
   */
  public static Map<String, Object> adminConfig(Map<String, Object> consumerParams) {
    Map<String, Object> config = new HashMap<>();
    consumerParams.forEach((k, v) -> {
      if (AdminClientConfig.configNames().contains(k)) {
        config.put(k, v);
      }
    });
    return config;
  }

  /**
   * Commits each range's {@code untilOffset} to the group and waits for the broker's answer.
   *
   * @param ranges the offset ranges of the batch whose output has finished
   * @throws KafkaCallException when the commit fails or times out
   */
  public void commit(OffsetRange[] ranges) {
    commit(OffsetRanges.untilOffsets(ranges));
  }

  /**
   * Commits the given offsets to the group and waits for the broker's answer.
   *
   * @param offsets the next offset to read, per partition
   * @throws KafkaCallException when the commit fails or times out
   */
  public void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (offsets.isEmpty()) {
      return;
    }
    ConsumerLag.get(admin().alterConsumerGroupOffsets(group, offsets).all(), Duration.ofMillis(timeoutMs),
        "commit offsets of group '" + group + "'");
  }

  /**
   * The consumer group this committer writes to.
   *
   * @return the group id
   */
  public String group() {
    return group;
  }

  /**
   * The Admin client this committer uses, shared for lag queries.
   *
   * @return the client
   */
  public Admin admin() {
    return SharedAdmins.forParams(adminConfig);
  }
}
