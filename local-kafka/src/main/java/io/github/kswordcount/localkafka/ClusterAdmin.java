package io.github.kswordcount.localkafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

/** The readiness checks and topic creation of a local cluster, through one Admin client. */
final class ClusterAdmin implements AutoCloseable {
  private static final int CALL_TIMEOUT_MS = 5_000;

  private final Admin admin;
  private final Supplier<List<Integer>> runningBrokerPorts;
  private final long faultBaseline;

  /**
   * @param bootstrapServers   where the cluster listens
   * @param runningBrokerPorts the broker ports of the nodes running now
   * @param faultBaseline      {@link FatalExits#faultCount()} before the cluster started: a later fault
   *                           ends every wait at once instead of at its deadline
   */
  ClusterAdmin(String bootstrapServers, Supplier<List<Integer>> runningBrokerPorts, long faultBaseline) {
    this.admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-admin",
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CALL_TIMEOUT_MS,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CALL_TIMEOUT_MS));
    this.runningBrokerPorts = runningBrokerPorts;
    this.faultBaseline = faultBaseline;
  }

  /** Waits until {@code count} brokers are registered, unfenced and visible to clients. */
  void awaitBrokers(int count, Deadline deadline) {
    DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs(CALL_TIMEOUT_MS);
    awaitHealthy(String.format(Locale.ROOT, "%d broker(s) to be ready", count), deadline,
        () -> {
          Collection<Node> nodes = valueOrNull(admin.describeCluster(options).nodes());
          return nodes != null && nodes.size() == count;
        });
  }

  /**
   * Creates the topic unless it exists with the same partition count, then waits until every running
   * broker knows a leader for each partition, so that any client may use it at once.
   */
  void createTopic(String name, int partitions, int replication, Deadline deadline) {
    try {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) replication)))
          .all().get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new LocalKafkaException(
            "cannot create topic '" + name + "': " + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new LocalKafkaException("timed out after " + deadline.totalText()
          + " creating topic '" + name + "'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalKafkaException("interrupted while creating topic '" + name + "'", e);
    }
    awaitHealthy(String.format(Locale.ROOT, "topic '%s' to have leaders for its %d partition(s)",
        name, partitions), deadline, () -> hasLeaders(name, partitions)
        && runningBrokerPorts.get().stream().allMatch(
            port -> BrokerProbe.knowsLeaders(PortReservation.HOST, port, name, partitions)));
  }

  @Override
  public void close() {
    admin.close(Duration.ofMillis(CALL_TIMEOUT_MS));
  }

  private boolean hasLeaders(String name, int partitions) {
    Map<String, TopicDescription> topics = valueOrNull(admin.describeTopics(List.of(name),
        new DescribeTopicsOptions().timeoutMs(CALL_TIMEOUT_MS)).allTopicNames());
    if (topics == null || !topics.containsKey(name)) {
      return false;
    }
    List<TopicPartitionInfo> found = topics.get(name).partitions();
    if (found.size() != partitions) {
      throw new LocalKafkaException(String.format(Locale.ROOT,
          "topic '%s' already exists with %d partition(s), not %d", name, found.size(), partitions));
    }
    return found.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
  }

  private void awaitHealthy(String what, Deadline deadline, BooleanSupplier condition) {
    deadline.await(what, () -> {
      if (FatalExits.faultCount() > faultBaseline) {
        throw new LocalKafkaException("Kafka failed while waiting for " + what + ": "
            + FatalExits.lastFault());
      }
      return condition.getAsBoolean();
    });
  }

  /** The result, or null while the cluster can't answer yet (connection refused, not yet a leader). */
  private static <T> T valueOrNull(KafkaFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalKafkaException("interrupted while waiting for Kafka", e);
    }
  }
}
