package io.github.kswordcount.clientkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Why a write with {@code acks=all} or a read stalls, from one look at the cluster: a partition with fewer
 * in-sync replicas than its topic's {@code min.insync.replicas} (the broker refuses the write with
 * {@code NOT_ENOUGH_REPLICAS}, a retriable error, so clients retry without saying why), or a partition with no
 * leader (its replicas' brokers are all down). Neither Kafka's producer nor its consumer names the partition or
 * the numbers; this does, in one sentence.
 */
public final class PartitionHealth {
  /** How long one look may take: the cluster that does not answer in this time is reported as such. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Partitions named per topic before "and N more". */
  private static final int NAMED = 3;

  private PartitionHealth() {}

  /**
   * The partitions among those given with too few in-sync replicas for {@code acks=all}, in one sentence.
   *
   * @param clientConfig a client's settings: the admin client takes its connection and security ones
   * @param topic the topic written
   * @param partitions the partitions whose writes failed
   * @return the sentence, or empty when none is short of replicas or the cluster did not answer within 5 s
   */
  public static Optional<String> explainWrites(Map<String, Object> clientConfig, String topic,
      Set<Integer> partitions) {
    return partitions.isEmpty() ? Optional.empty()
        : explainWrites(clientConfig, topic, tp -> partitions.contains(tp.partition()));
  }

  /**
   * The partitions of a topic with too few in-sync replicas for {@code acks=all}, in one sentence.
   *
   * @param clientConfig a client's settings: the admin client takes its connection and security ones
   * @param topic the topic written
   * @param only which partitions to look at
   * @return the sentence, or empty when none is short of replicas or the cluster did not answer within 5 s
   */
  public static Optional<String> explainWrites(Map<String, Object> clientConfig, String topic,
      Predicate<TopicPartition> only) {
    try (Admin admin = Admin.create(adminConfig(clientConfig))) {
      return explain(admin, List.of(), List.of(topic), only);
    } catch (TimeoutException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * The partitions that stall a client: without a leader among {@code read} and {@code written}, and with
   * fewer in-sync replicas than {@code min.insync.replicas} among {@code written}. A topic the cluster does not
   * describe (unknown, or not authorized) is left out.
   *
   * @param admin the admin client
   * @param read topics read
   * @param written topics written with {@code acks=all}
   * @param only which partitions to look at
   * @return the sentence, or empty when every partition looked at is healthy
   * @throws TimeoutException when the cluster did not answer within {@link #TIMEOUT}
   * @throws InterruptedException when interrupted while waiting
   */
  public static Optional<String> explain(Admin admin, Collection<String> read, Collection<String> written,
      Predicate<TopicPartition> only) throws TimeoutException, InterruptedException {
    List<String> all = new ArrayList<>(written);
    read.stream().filter(t -> !all.contains(t)).forEach(all::add);
    Map<String, TopicDescription> described = new LinkedHashMap<>();
    Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(all).topicNameValues();
    for (String topic : all) {
      try {
        described.put(topic, descriptions.get(topic).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      } catch (ExecutionException e) {
        unlessTimedOut(e); // unknown or not authorized: nothing to say about it here
      }
    }
    Map<String, Integer> minInSync = minInSync(admin, written.stream().filter(described::containsKey).toList());
    List<String> findings = new ArrayList<>();
    for (TopicDescription topic : described.values()) {
      List<String> leaderless = new ArrayList<>();
      List<String> shortOfReplicas = new ArrayList<>();
      Integer required = minInSync.get(topic.name());
      int inSync = 0;
      int shortPartition = -1;
      for (TopicPartitionInfo partition : topic.partitions()) {
        if (!only.test(new TopicPartition(topic.name(), partition.partition()))) {
          continue;
        }
        String name = topic.name() + "-" + partition.partition();
        if (partition.leader() == null || partition.leader().isEmpty()) {
          leaderless.add(name);
        } else if (required != null && partition.isr().size() < required) {
          shortOfReplicas.add(name + " (" + partition.isr().size() + " in sync)");
          inSync = partition.isr().size();
          shortPartition = partition.partition();
        }
      }
      if (!leaderless.isEmpty()) {
        findings.add("LEADER_NOT_AVAILABLE: " + (leaderless.size() == 1 ? "partition " : "partitions ")
            + named(leaderless) + (leaderless.size() == 1 ? " has" : " have")
            + " no leader (check that the brokers of " + topic.name() + "'s replicas are running)");
      }
      if (shortOfReplicas.size() == 1) {
        findings.add(String.format(Locale.ROOT, "NOT_ENOUGH_REPLICAS: partition %s-%d has %d in-sync replica(s), "
            + "min.insync.replicas is %d, and acks=all needs that many (check that the topic's brokers are "
            + "running)", topic.name(), shortPartition, inSync, required));
      } else if (!shortOfReplicas.isEmpty()) {
        findings.add(String.format(Locale.ROOT, "NOT_ENOUGH_REPLICAS: partitions %s have fewer in-sync replicas "
            + "than min.insync.replicas, %d, and acks=all needs that many (check that the topic's brokers are "
            + "running)", named(shortOfReplicas), required));
      }
    }
    return findings.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", findings));
  }

  /**
   * An Admin client's settings for one look: a client's connection and security settings, every call bounded by
   * {@link #TIMEOUT}.
   *
   * @param clientConfig a producer's, consumer's or Admin client's settings
   * @return the settings
   */
  public static Map<String, Object> adminConfig(Map<String, Object> clientConfig) {
    Map<String, Object> config = AdminSettings.of(clientConfig);
    config.remove(AdminClientConfig.CLIENT_ID_CONFIG);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    return config;
  }

  private static Map<String, Integer> minInSync(Admin admin, List<String> topics)
      throws TimeoutException, InterruptedException {
    Map<String, Integer> required = new TreeMap<>();
    if (topics.isEmpty()) {
      return required;
    }
    for (Map.Entry<ConfigResource, KafkaFuture<Config>> topic : admin.describeConfigs(topics.stream()
        .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).values().entrySet()) {
      try {
        ConfigEntry entry = topic.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get("min.insync.replicas");
        required.put(topic.getKey().name(), entry == null ? 1 : Integer.parseInt(entry.value()));
      } catch (ExecutionException e) {
        unlessTimedOut(e); // not authorized to describe its configs: its in-sync replicas are not judged
      }
    }
    return required;
  }

  private static void unlessTimedOut(ExecutionException e) throws TimeoutException {
    if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
      throw new TimeoutException(e.getCause().getMessage());
    }
  }

  /** {@code a-0, a-1}, or {@code a-0, a-1, a-2 and 47 more}. */
  private static String named(List<String> partitions) {
    if (partitions.size() <= NAMED) {
      return String.join(", ", partitions);
    }
    return String.join(", ", partitions.subList(0, NAMED)) + " and " + (partitions.size() - NAMED) + " more";
  }
}
