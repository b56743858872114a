package io.github.kswordcount.core.internal.receiver;

import io.github.kswordcount.core.internal.kafka.SharedClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * How long a member of a {@code group.protocol=consumer} group (KIP-848) that died without leaving keeps its
 * {@code group.instance.id}: the broker's {@code group.consumer.session.timeout.ms}, which the coordinator applies
 * (in the classic protocol the consumer sends its own {@code session.timeout.ms}).
 */
final class GroupSessions {
  static final String SESSION_TIMEOUT = "group.consumer.session.timeout.ms";
  /** Kafka's default for {@value #SESSION_TIMEOUT}. */
  static final Duration DEFAULT_SESSION = Duration.ofSeconds(45);
  /** Beyond the session: the coordinator's expiry check, and Spark's restart delay (2 s) between tries. */
  static final Duration MARGIN = Duration.ofSeconds(15);
  /** A lookup made while a receiver keeps failing: short, whatever the job's Kafka bound. */
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

  private GroupSessions() {}

  /**
   * How long a receiver refused an instance id another member holds goes on trying: the session of a member that
   * crashed, as the broker says, and a margin; Kafka's default session when the broker does not say (no Describe
   * on the cluster, no answer).
   *
   * @param params the receiver's consumer parameters (bootstrap servers, security)
   * @return the grace, {@value #SESSION_TIMEOUT} plus {@link #MARGIN}
   */
  static Duration unreleasedGrace(Map<String, Object> params) {
    return sessionTimeout(SharedClients.admin(params)).orElse(DEFAULT_SESSION).plus(MARGIN);
  }

  /** The broker's {@value #SESSION_TIMEOUT}, read from one node (it is a cluster-wide setting in practice). */
  static Optional<Duration> sessionTimeout(Admin admin) {
    try {
      long deadline = System.nanoTime() + LOOKUP_TIMEOUT.toNanos();
      Node node = admin.describeCluster().controller().get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (node == null || node.isEmpty()) {
        node = admin.describeCluster().nodes().get(remaining(deadline), TimeUnit.MILLISECONDS).iterator().next();
      }
      ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
      Config config = admin.describeConfigs(List.of(broker)).all().get(remaining(deadline), TimeUnit.MILLISECONDS)
          .get(broker);
      ConfigEntry entry = config == null ? null : config.get(SESSION_TIMEOUT);
      return entry == null || entry.value() == null ? Optional.empty()
          : Optional.of(Duration.ofMillis(Long.parseLong(entry.value())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      // Not allowed to describe the cluster's configs, no answer, a broker without the setting (before 3.7).
      return Optional.empty();
    }
  }

  private static long remaining(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }
}
