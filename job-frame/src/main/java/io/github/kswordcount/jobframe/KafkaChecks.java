package io.github.kswordcount.jobframe;

import io.github.kswordcount.clientkit.TopicLookup;
import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.core.internal.kafka.KafkaFutures;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import io.github.kswordcount.core.internal.output.KafkaCountsSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks made before a job starts, so that a wrong address, topic name or ACL ends in one clear line within a
 * bounded time, before Spark starts, instead of a hang, a silently auto-created topic, or a refusal met later by
 * the receivers or the first batch, among the client's and Spark's own logs.
 */
final class KafkaChecks {

  private KafkaChecks() {}

  /**
   * Fails unless the cluster answers within {@code timeout}, every topic exists, and this user may read the input
   * topics as the group and write the output topic. What the user may do is what the cluster says it may ({@code
   * authorized operations}, which an open cluster grants all); a Describe refused on the group is a refusal too.
   *
   * @param params consumer parameters (connection settings)
   * @param inputs the topics read by name (none for a pattern)
   * @param output the output topic, or {@code null}
   * @param group the consumer group
   * @param timeout how long to wait for the cluster
   * @throws KafkaCallException naming the brokers, the missing topics, or the refusal (its cause is Kafka's
   *     authorization exception, so the error line gets its hint)
   */
  static void requireAccess(Map<String, Object> params, List<String> inputs, String output, String group,
      Duration timeout) {
    List<String> topics = new ArrayList<>(inputs);
    if (output != null) {
      topics.add(output);
    }
    Map<String, Set<AclOperation>> rights = requireTopics(params, topics, timeout);
    List<String> unreadable = inputs.stream().filter(topic -> lacks(rights.get(topic), AclOperation.READ)).toList();
    if (!unreadable.isEmpty()) {
      TopicAuthorizationException refused = new TopicAuthorizationException(new HashSet<>(unreadable));
      throw new KafkaCallException(refused.getMessage(), refused);
    }
    if (output != null && lacks(rights.get(output), AclOperation.WRITE)) {
      TopicAuthorizationException refused = new TopicAuthorizationException(Set.of(output));
      throw KafkaCountsSink.cannotWrite(output, refused.getMessage(), refused);
    }
    requireGroupRead(SharedClients.admin(params), group, timeout);
  }

  /**
   * Fails unless the cluster answers within {@code timeout} and every topic exists.
   *
   * @param params consumer parameters (connection settings)
   * @param topics topics that must exist
   * @param timeout how long to wait for the cluster
   * @return what this user may do on each topic (a set is {@code null} where the cluster does not say)
   * @throws KafkaCallException naming the brokers or the missing topics
   */
  static Map<String, Set<AclOperation>> requireTopics(Map<String, Object> params, Collection<String> topics,
      Duration timeout) {
    Admin admin = SharedClients.admin(params);
    String brokers = String.valueOf(params.get("bootstrap.servers"));
    try {
      KafkaFutures.await(admin.describeCluster().nodes(), timeout, "reach Kafka at " + brokers);
    } catch (KafkaCallException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw new KafkaCallException("cannot reach Kafka at " + brokers + " within " + timeout.toSeconds()
            + " s (is a broker running there?)", e.getCause());
      }
      throw e;
    }
    List<String> missing = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    Map<String, Set<AclOperation>> rights = new HashMap<>();
    admin.describeTopics(topics, new DescribeTopicsOptions().includeAuthorizedOperations(true)).topicNameValues()
        .forEach((topic, future) -> {
          try {
            described(future, timeout).ifPresentOrElse(d -> rights.put(topic, d.authorizedOperations()),
                () -> missing.add(topic));
          } catch (KafkaCallException e) {
            if (!(e.getCause() instanceof TopicAuthorizationException)) {
              throw e;
            }
            refused.add(topic);
          }
        });
    if (!refused.isEmpty()) {
      throw new KafkaCallException("not authorized to describe " + (refused.size() == 1 ? "topic '"
          + refused.get(0) + "'" : "topics " + refused) + " on " + brokers + " (check this user's Read and Describe "
          + "ACLs on the input topics, Write and Describe on the output topic)", null);
    }
    if (!missing.isEmpty()) {
      throw new KafkaCallException(TopicLookup.doesNotExist(missing, brokers) + " (the job never creates topics: "
          + "create " + (missing.size() == 1 ? "it" : "them") + " first)", null);
    }
    return rights;
  }

  /** Whether the operations the cluster names leave out {@code operation} (nothing named: nothing left out). */
  private static boolean lacks(Set<AclOperation> authorized, AclOperation operation) {
    return authorized != null && !authorized.contains(operation);
  }

  /**
   * The group's Read, asked as the group's description with this user's operations on it: a group this user may
   * not even describe is refused, and one it may describe but not read too. A group the cluster does not know yet
   * is left to the job (nothing to judge).
   */
  private static void requireGroupRead(Admin admin, String group, Duration timeout) {
    GroupAuthorizationException refused = GroupAuthorizationException.forGroupId(group);
    ConsumerGroupDescription description;
    try {
      description = KafkaFutures.await(admin.describeConsumerGroups(List.of(group),
          new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true)).describedGroups().get(group), timeout,
          "describe group '" + group + "'");
    } catch (KafkaCallException e) {
      if (e.getCause() instanceof GroupAuthorizationException) {
        throw new KafkaCallException(refused.getMessage(), refused);
      }
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return;
      }
      throw e;
    }
    if (lacks(description.authorizedOperations(), AclOperation.READ)) {
      throw new KafkaCallException(refused.getMessage(), refused);
    }
  }

  private static Optional<TopicDescription> described(KafkaFuture<TopicDescription> description, Duration timeout) {
    try {
      return Optional.of(KafkaFutures.await(description, timeout, "describe topics"));
    } catch (KafkaCallException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
