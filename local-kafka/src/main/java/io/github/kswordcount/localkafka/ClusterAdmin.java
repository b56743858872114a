package io.github.kswordcount.localkafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The readiness checks, topic and user creation of a local cluster, through one Admin client (the super user's
 * in secured mode).
 */
final class ClusterAdmin implements AutoCloseable {
  private static final int CALL_TIMEOUT_MS = 5_000;
  private static final int SCRAM_ITERATIONS = 4096;

  private final Admin admin;
  private final BrokerProbe probe;
  private final String login;
  private final Supplier<List<Integer>> runningBrokerPorts;
  private final long faultBaseline;

  /**
   * @param bootstrapServers   where the cluster listens
   * @param superUser          who logs in to a secured cluster, or empty for a PLAINTEXT cluster
   * @param runningBrokerPorts the broker ports of the nodes running now
   * @param faultBaseline      {@link FatalExits#faultCount()} before the cluster started: a later fault
   *                           ends every wait at once instead of at its deadline
   */
  ClusterAdmin(String bootstrapServers, Optional<ScramUser> superUser, Supplier<List<Integer>> runningBrokerPorts,
      long faultBaseline) {
    Map<String, String> clientSecurity = superUser.map(ScramSecurity::clientConfig).orElse(Map.of());
    this.login = superUser.map(u -> "the login of super user '" + u.name() + "'").orElse("the connection");
    Map<String, Object> config = new HashMap<>(clientSecurity);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-admin");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CALL_TIMEOUT_MS);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CALL_TIMEOUT_MS);
    this.admin = Admin.create(config);
    this.probe = new BrokerProbe(clientSecurity);
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
   * broker knows a leader for each partition and each leader takes writes ({@link TopicReadiness}), so that any
   * client may use it at once.
   */
  void createTopic(String name, int partitions, int replication, Map<String, String> configs, Deadline deadline) {
    try {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) replication).configs(configs)))
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
            port -> probe.knowsLeaders(PortReservation.HOST, port, name, partitions)));
    TopicReadiness.awaitReady(admin, Map.of(name, partitions), deadline);
  }

  /**
   * Creates, for SCRAM-SHA-256 and SCRAM-SHA-512, each user that the cluster does not know yet (users made at
   * format time, or at an earlier start, keep their passwords).
   *
   * @return the names of the users created
   */
  List<String> createMissingUsers(List<ScramUser> users, Deadline deadline) {
    List<String> known = call("list the SCRAM users", deadline, () -> admin.describeUserScramCredentials().users());
    List<String> created = users.stream().map(ScramUser::name).filter(name -> !known.contains(name)).toList();
    if (created.isEmpty()) {
      return created;
    }
    // Kafka refuses two alterations of one user in a request: one request per mechanism.
    for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
      List<UserScramCredentialAlteration> upserts = users.stream().filter(u -> created.contains(u.name()))
          .<UserScramCredentialAlteration>map(u -> new UserScramCredentialUpsertion(u.name(),
              new ScramCredentialInfo(mechanism, SCRAM_ITERATIONS), u.password()))
          .toList();
      call("create the SCRAM users " + created, deadline, () -> admin.alterUserScramCredentials(upserts).all());
    }
    // Brokers learn credentials from the metadata log, as they learn topics: a login right away could fail.
    awaitHealthy("the SCRAM users " + created + " to be known", deadline, () -> {
      List<String> now = valueOrNull(admin.describeUserScramCredentials().users());
      return now != null && now.containsAll(created);
    });
    return created;
  }

  @Override
  public void close() {
    try {
      admin.close(Duration.ofMillis(CALL_TIMEOUT_MS));
    } finally {
      probe.close();
    }
  }

  private <T> T call(String what, Deadline deadline, Supplier<KafkaFuture<T>> request) {
    try {
      return request.get().get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new LocalKafkaException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new LocalKafkaException("timed out after " + deadline.totalText() + " trying to " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalKafkaException("interrupted while trying to " + what, e);
    }
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

  /**
   * The result, or null while the cluster can't answer yet (connection refused, not yet a leader).
   *
   * @throws LocalKafkaException when the cluster refused local-kafka's login: waiting would not help
   */
  private <T> T valueOrNull(KafkaFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthenticationException refused) {
        throw new LocalKafkaException("Kafka refused " + login + ": " + refused.getMessage(), refused);
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalKafkaException("interrupted while waiting for Kafka", e);
    }
  }
}
