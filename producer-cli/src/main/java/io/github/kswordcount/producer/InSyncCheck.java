package io.github.kswordcount.producer;

import io.github.kswordcount.consolekit.AdminSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Why records with {@code acks=all} failed: a partition with fewer in-sync replicas than the topic's
 * {@code min.insync.replicas}. The broker refuses such a write with {@code NOT_ENOUGH_REPLICAS}, a retriable
 * error, so the producer retries (3 times, as Kafka's tool, unless told otherwise) and fails the record with a
 * {@code NotEnoughReplicasException}, or, when {@code delivery.timeout.ms} ran out first, with a
 * {@code TimeoutException} ("Expiring 1 record(s) ...") that does not say why; neither names the partition or the
 * numbers. One look at the cluster, after the producer is closed, says it.
 */
final class InSyncCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private InSyncCheck() {}

  /**
   * The partitions among {@code partitions} with too few in-sync replicas, in one sentence.
   *
   * @param producerConfig the producer's settings: the admin client takes its connection and security ones
   * @param topic the topic
   * @param partitions the partitions whose records failed
   * @return the sentence, or empty when acks is not all, no partition is short of replicas, or the cluster did
   *     not answer within 5 s
   */
  static Optional<String> explain(Map<String, Object> producerConfig, String topic, Set<Integer> partitions) {
    String acks = String.valueOf(producerConfig.getOrDefault(ProducerConfig.ACKS_CONFIG, "all"));
    if (partitions.isEmpty() || !(acks.equals("all") || acks.equals("-1"))) {
      return Optional.empty();
    }
    Map<String, Object> adminConfig = AdminSettings.of(producerConfig);
    adminConfig.remove(AdminClientConfig.CLIENT_ID_CONFIG);
    adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(adminConfig)) {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
      ConfigEntry entry = config.get("min.insync.replicas");
      int required = entry == null ? 1 : Integer.parseInt(entry.value());
      Set<String> shortOfReplicas = new TreeSet<>();
      for (TopicPartitionInfo partition : description.partitions()) {
        if (partitions.contains(partition.partition()) && partition.isr().size() < required) {
          shortOfReplicas.add(
              String.format(Locale.ROOT, "%s-%d has %d", topic, partition.partition(), partition.isr().size()));
        }
      }
      if (shortOfReplicas.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(String.format(Locale.ROOT, "NOT_ENOUGH_REPLICAS: partition %s in-sync replica(s), "
          + "min.insync.replicas is %d, and acks=all needs that many (check that the topic's brokers are running)",
          String.join(", ", shortOfReplicas), required));
    } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
