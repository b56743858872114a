package io.github.kswordcount.core.internal.kafka;

import io.github.kswordcount.core.kafka.KafkaCallException;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a consumer group's offsets past a batch, synchronously, only from where the batch began.
 *
 * <p>Guarantee: {@link #plan} reads the group's offsets and says whether the batch is new (write its output,
 * then {@link #commit}), already done (a batch Spark replays from a checkpoint that the group had already
 * passed: write nothing) or in conflict (the group is somewhere else: another run of the group moved it, or
 * an earlier batch was never committed; the batch fails, and nothing is written or committed). When
 * {@link #commit} returns, the group's offsets are the batch's on the broker; when it throws, nothing is
 * known to be committed and the batch is read again after a restart (at least once). Spark's own
 * {@code CanCommitOffsets.commitAsync} only queues offsets for the next batch and drops the last batch's on
 * stop (SPARK-20050); this committer does neither.
 *
 * <p>Each committed offset carries the batch's {@code untilOffset} as metadata when it differs (a range
 * followed by transaction markers): the next batch starts at Spark's {@code untilOffset}, which is then known
 * to be where the group is.
 *
 * <p>Commits go through the Admin client as a simple (generation-less) commit, which the broker accepts only
 * while the group has no active members: the stream must {@code assign} partitions ({@link GroupAssign}), or
 * the commit fails with {@code GroupNotEmptyException}. Serializable, so it can sit in a checkpointed closure;
 * it uses the {@link SharedClients} Admin client of its settings, which is never serialized.
 */
public final class OffsetCommitter implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);

  private final HashMap<String, Object> adminConfig;
  private final String group;
  private final long timeoutMs;

  private OffsetCommitter(HashMap<String, Object> adminConfig, String group, Duration timeout) {
    this.adminConfig = adminConfig;
    this.group = group;
    this.timeoutMs = timeout.toMillis();
  }

  /**
   * Creates a committer for the group named in consumer parameters.
   *
   * @param consumerParams parameters as from {@link KafkaParams}: {@code bootstrap.servers}, {@code group.id}
   *     and any security settings are used, the rest ignored
   * @param timeout how long one call to Kafka may take before it fails
   * @return the committer
   */
  public static OffsetCommitter forGroup(Map<String, Object> consumerParams, Duration timeout) {
    Object group = consumerParams.get(ConsumerConfig.GROUP_ID_CONFIG);
    if (group == null) {
      throw new IllegalArgumentException("consumer parameters have no group.id");
    }
    return new OffsetCommitter(ClientConfigs.admin(consumerParams), group.toString(), timeout);
  }

  /**
   * The consumer group this committer moves.
   *
   * @return the group id
   */
  public String group() {
    return group;
  }

  /**
   * Reads the group's offsets (waiting out pending transactional commits) and decides what to do with a batch.
   *
   * @param batch the batch's ranges, one per partition
   * @return the plan: whether to write, and what to commit
   * @throws KafkaCallException when the group cannot be read, or it is somewhere else than the batch begins
   */
  public CommitPlan plan(List<BatchRange> batch) {
    Admin admin = SharedClients.admin(adminConfig);
    Duration timeout = Duration.ofMillis(timeoutMs);
    Map<TopicPartition, OffsetAndMetadata> committed = KafkaFutures.await(admin
        .listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().requireStable(true))
        .partitionsToOffsetAndMetadata(), timeout, "read the offsets of group '" + group + "'");
    // A topic deleted since the batch was made has no offsets to commit (the broker refuses them).
    Set<String> existing = KafkaFutures.await(admin.listTopics().names(), timeout, "list topics");
    List<BatchRange> live = batch.stream().filter(r -> existing.contains(r.partition().topic())).toList();
    if (live.size() < batch.size()) {
      LOG.warn("Not committing offsets of deleted topics: {}", batch.stream().filter(r -> !live.contains(r)).toList());
    }
    return decide(group, live, committed);
  }

  /**
   * Commits a plan's offsets to the group and waits for the broker's answer.
   *
   * @param plan a plan from {@link #plan}
   * @throws KafkaCallException when the commit fails or times out
   */
  public void commit(CommitPlan plan) {
    if (plan.offsets().isEmpty()) {
      return;
    }
    KafkaFutures.awaitWrite(SharedClients.admin(adminConfig).alterConsumerGroupOffsets(group, plan.offsets()).all(),
        Duration.ofMillis(timeoutMs), "commit offsets of group '" + group + "'", adminConfig,
        KafkaFutures.OFFSETS_TOPIC);
  }

  /** The rule of {@link #plan}, apart from Kafka. */
  static CommitPlan decide(String group, List<BatchRange> batch, Map<TopicPartition, OffsetAndMetadata> committed) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    int fresh = 0;
    int done = 0;
    for (BatchRange range : batch) {
      OffsetAndMetadata held = committed.get(range.partition());
      boolean startsHere = held == null || held.offset() == range.fromOffset()
          || spanEnd(held) == range.fromOffset();
      if (startsHere) {
        fresh += range.size() > 0 ? 1 : 0;
        if (held == null || held.offset() != range.commitOffset()) {
          offsets.put(range.partition(), new OffsetAndMetadata(range.commitOffset(),
              range.commitOffset() == range.untilOffset() ? "" : Long.toString(range.untilOffset())));
        }
      } else if (held.offset() >= range.untilOffset()) {
        done += range.size() > 0 ? 1 : 0;
      } else {
        throw new KafkaCallException("group '" + group + "' is at offset " + held.offset() + " of "
            + range.partition() + " but the batch starts at " + range.fromOffset()
            + " (another run of the group moved it, or an earlier batch was not committed): not written", null);
      }
    }
    if (fresh > 0 && done > 0) {
      throw new KafkaCallException("group '" + group + "' holds part of the batch " + batch
          + " already: not written", null);
    }
    return new CommitPlan(done == 0, Map.copyOf(offsets));
  }

  /** The untilOffset a commit was made for: its metadata when set, else the offset itself. */
  private static long spanEnd(OffsetAndMetadata held) {
    String meta = held.metadata();
    if (meta != null && !meta.isEmpty() && meta.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(meta);
    }
    return held.offset();
  }
}
