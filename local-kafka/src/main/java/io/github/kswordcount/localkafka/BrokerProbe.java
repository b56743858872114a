package io.github.kswordcount.localkafka;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Asks one particular broker, over Kafka's wire protocol, what its own metadata cache says about a topic.
 *
 * <p>Each broker applies the metadata log on its own schedule, so right after a topic is created one broker
 * may know it while another still answers UNKNOWN_TOPIC_OR_PARTITION (seen with 3 nodes: an Admin
 * describeTopics failed that way just after creation). Admin and consumers pick the broker they ask, so only
 * a direct request can check every broker.
 */
final class BrokerProbe {
  private static final int TIMEOUT_MS = 5_000;
  private static final AtomicInteger CORRELATION_IDS = new AtomicInteger();

  private BrokerProbe() {
  }

  /**
   * True when the broker at {@code host:port} lists {@code topic} with exactly {@code partitions}
   * partitions, each with a leader; false when it doesn't yet or can't be reached.
   */
  static boolean knowsLeaders(String host, int port, String topic, int partitions) {
    // Client and broker are the same Kafka release, so the latest version needs no negotiation.
    short version = ApiKeys.METADATA.latestVersion();
    RequestHeader header = new RequestHeader(ApiKeys.METADATA, version, "local-kafka-probe",
        CORRELATION_IDS.incrementAndGet());
    ByteBuffer request = new MetadataRequest.Builder(List.of(topic), false).build(version)
        .serializeWithHeader(header);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      MetadataResponse response = (MetadataResponse) AbstractResponse.parseResponse(
          ByteBuffer.wrap(exchange(socket, request)), header);
      return response.topicMetadata().stream().anyMatch(t -> t.topic().equals(topic)
          && t.error() == Errors.NONE
          && t.partitionMetadata().size() == partitions
          && t.partitionMetadata().stream().allMatch(p -> p.error == Errors.NONE && p.leaderId.isPresent()));
    } catch (IOException e) {
      return false;
    }
  }

  /** Kafka framing: a 4-byte size, then the bytes, both ways. */
  private static byte[] exchange(Socket socket, ByteBuffer request) throws IOException {
    byte[] bytes = new byte[request.remaining()];
    request.get(bytes);
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    out.writeInt(bytes.length);
    out.write(bytes);
    out.flush();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    byte[] response = new byte[in.readInt()];
    in.readFully(response);
    return response;
  }
}
