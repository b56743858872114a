package io.github.kswordcount.localkafka;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientRequest;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.DefaultHostResolver;
import org.apache.kafka.clients.ManualMetadataUpdater;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.NetworkClientUtils;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;

/**
 * Asks one particular broker what its own metadata cache says about a topic.
 *
 * <p>Each broker applies the metadata log on its own schedule, so right after a topic is created one broker
 * may know it while another still answers UNKNOWN_TOPIC_OR_PARTITION (seen with 3 nodes: an Admin
 * describeTopics failed that way just after creation). Admin and consumers pick the broker they ask, so only
 * a request sent to a chosen broker can check every broker. Kafka's own {@link NetworkClient} sends it, so
 * that a secured listener is authenticated as any client would be.
 */
final class BrokerProbe implements AutoCloseable {
  private static final int TIMEOUT_MS = 5_000;

  private final Time time = Time.SYSTEM;
  private final Metrics metrics = new Metrics();
  private final NetworkClient client;

  /** @param clientSecurity the security settings of the cluster's clients (empty for PLAINTEXT) */
  BrokerProbe(Map<String, String> clientSecurity) {
    Map<String, Object> props = new HashMap<>(clientSecurity);
    // Required by the config class; the probe never bootstraps, it is told each broker's address.
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, PortReservation.HOST + ":1");
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    AdminClientConfig config = new AdminClientConfig(props);
    this.client = ClientUtils.createNetworkClient(config, "local-kafka-probe", metrics, "local-kafka-probe",
        new LogContext("[local-kafka probe] "), new ApiVersions(), time, 1, TIMEOUT_MS, new ManualMetadataUpdater(),
        new DefaultHostResolver());
  }

  /**
   * True when the broker at {@code host:port} lists {@code topic} with exactly {@code partitions}
   * partitions, each with a leader; false when it doesn't yet or can't be reached.
   *
   * @throws LocalKafkaException when the broker refuses the probe's credentials
   */
  synchronized boolean knowsLeaders(String host, int port, String topic, int partitions) {
    // A made-up id per address: the probe keeps no cluster metadata.
    Node node = new Node(-port, host, port);
    try {
      if (!NetworkClientUtils.awaitReady(client, node, time, TIMEOUT_MS)) {
        return false;
      }
      ClientRequest request = client.newClientRequest(node.idString(),
          new MetadataRequest.Builder(List.of(topic), false), time.milliseconds(), true);
      MetadataResponse response = (MetadataResponse) NetworkClientUtils.sendAndReceive(client, request, time)
          .responseBody();
      return response.topicMetadata().stream().anyMatch(t -> t.topic().equals(topic)
          && t.error() == Errors.NONE
          && t.partitionMetadata().size() == partitions
          && t.partitionMetadata().stream().allMatch(p -> p.error == Errors.NONE && p.leaderId.isPresent()));
    } catch (AuthenticationException e) {
      throw new LocalKafkaException("the broker at " + host + ":" + port + " refused local-kafka's login: "
          + e.getMessage(), e);
    } catch (IOException e) {
      client.close(node.idString());
      return false;
    }
  }

  @Override
  public synchronized void close() {
    Utils.closeQuietly(client, "local-kafka probe");
    Utils.closeQuietly(metrics, "local-kafka probe metrics");
  }
}
