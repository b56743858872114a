package io.github.kswordcount.localkafka;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Waits until a new topic takes writes: every partition's leader has made its replica the leader.
 *
 * <p>KAFKA-15591 (also KAFKA-14312; no 3.9 release fixes it): a 3.9 broker publishes a new metadata image to its
 * metadata cache first and creates the partitions after ({@code BrokerMetadataPublisher.publish}:
 * {@code metadataCache.setImage} before {@code replicaManager.applyDelta}). In between, Metadata and
 * describeTopics already name the leader, but a produce to it fails with NOT_LEADER_OR_FOLLOWER
 * ({@code ReplicaManager.getPartitionOrError}: no hosted partition, yet the cache knows it). An idempotent producer
 * with several requests in flight then has a later batch accepted with no producer state, and the retried first
 * batch fails with OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout: its records are lost.
 *
 * <p>A ListOffsets answered by the leader closes that window: the broker serves it through
 * {@code ReplicaManager.fetchOffsetForTimestamp}, which needs the same hosted partition
 * ({@code getPartitionOrException}) and the same local leader log ({@code Partition.localLogWithEpochOrThrow} with
 * {@code requireLeader}) that an append needs ({@code appendRecordsToLeader}). Admin's listOffsets sends each
 * partition's request to its leader and retries NOT_LEADER_OR_FOLLOWER within its timeout.
 */
final class TopicReadiness {
  private static final int CALL_TIMEOUT_MS = 5_000;

  private TopicReadiness() {
  }

  /**
   * Returns once each partition of each topic has a leader that answers a ListOffsets without error.
   *
   * @param admin              a client of the cluster, allowed to describe the topics
   * @param partitionsByTopic  each topic's partition count
   * @param deadline           when to give up
   * @throws LocalKafkaException at the deadline, or when the cluster refuses the client
   */
  static void awaitReady(Admin admin, Map<String, Integer> partitionsByTopic, Deadline deadline) {
    Map<TopicPartition, OffsetSpec> latest = partitionsByTopic.entrySet().stream()
        .flatMap(topic -> IntStream.range(0, topic.getValue())
            .mapToObj(partition -> new TopicPartition(topic.getKey(), partition)))
        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
    deadline.await("the leaders of every partition of " + new TreeMap<>(partitionsByTopic)
        + " to answer a ListOffsets", () -> leadersAnswer(admin, latest, deadline));
  }

  private static boolean leadersAnswer(Admin admin, Map<TopicPartition, OffsetSpec> latest, Deadline deadline) {
    ListOffsetsOptions options = new ListOffsetsOptions()
        .timeoutMs((int) Math.max(1, Math.min(CALL_TIMEOUT_MS, deadline.remainingMillis())));
    try {
      admin.listOffsets(latest, options).all().get();
      return true;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AuthenticationException || cause instanceof AuthorizationException
          || cause instanceof UnsupportedVersionException) {
        throw new LocalKafkaException("cannot ask the leaders of " + latest.keySet() + " for their offsets: "
            + cause.getMessage(), cause);
      }
      // Not a leader yet, unknown partition, a timeout: the broker has not applied the topic yet.
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalKafkaException("interrupted while waiting for the leaders of " + latest.keySet(), e);
    }
  }
}
