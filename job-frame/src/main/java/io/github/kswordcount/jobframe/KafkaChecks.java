package io.github.kswordcount.jobframe;

import io.github.kswordcount.clientkit.TopicLookup;
import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.core.internal.kafka.KafkaFutures;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks made before a job starts, so that a wrong address or topic name ends in one clear line within a
 * bounded time instead of a hang or a silently auto-created topic.
 */
final class KafkaChecks {

  private KafkaChecks() {}

  /**
   * Fails unless the cluster answers within {@code timeout} and every topic exists.
   *
   * @param params consumer parameters (connection settings)
   * @param topics topics that must exist
   * @param timeout how long to wait for the cluster
   * @throws KafkaCallException naming the brokers or the missing topics
   */
  static void requireTopics(Map<String, Object> params, Collection<String> topics, Duration timeout) {
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
    admin.describeTopics(topics).topicNameValues().forEach((topic, future) -> {
      try {
        if (!exists(future, timeout)) {
          missing.add(topic);
        }
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
  }

  private static boolean exists(KafkaFuture<?> description, Duration timeout) {
    try {
      KafkaFutures.await(description, timeout, "describe topics");
      return true;
    } catch (KafkaCallException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    }
  }
}
