package io.github.kswordcount.core.internal.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * This JVM's long-lived Kafka clients, one per distinct configuration, with one {@link #closeAll()}: the
 * driver's Admin client (commits, lag, checks) and the producers of the sinks (one per executor JVM, reused
 * across batches). Objects in checkpointed closures hold only configurations and find their client here, so
 * a job recovered from a checkpoint reaches live clients.
 */
public final class SharedClients {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
  private static final Map<Map<String, Object>, Admin> ADMINS = new ConcurrentHashMap<>();
  private static final Map<Map<String, Object>, KafkaProducer<byte[], byte[]>> PRODUCERS = new ConcurrentHashMap<>();

  private SharedClients() {}

  /**
   * The shared Admin client for the Admin settings within {@code clientParams}.
   *
   * @param clientParams consumer or Admin parameters
   * @return the client; do not close it
   */
  public static Admin admin(Map<String, Object> clientParams) {
    return ADMINS.computeIfAbsent(ClientConfigs.admin(clientParams), config -> Admin.create(new HashMap<>(config)));
  }

  /**
   * The shared producer for a configuration, created (and set up once, e.g. {@code initTransactions}) on
   * first use.
   *
   * @param config producer settings, as from {@link ClientConfigs#producer}
   * @param setUp called once on a new producer before anyone else gets it
   * @return the producer; do not close it, {@link #discard} or {@link #closeAll()} does
   */
  public static KafkaProducer<byte[], byte[]> producer(Map<String, Object> config,
      Consumer<KafkaProducer<byte[], byte[]>> setUp) {
    return PRODUCERS.computeIfAbsent(config, c -> {
      KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(new HashMap<>(c));
      try {
        setUp.accept(producer);
      } catch (RuntimeException e) {
        producer.close(Duration.ZERO);
        throw e;
      }
      return producer;
    });
  }

  /**
   * Closes and forgets the producer of a configuration at once (a fenced or failed transactional producer).
   *
   * @param config the producer's settings
   */
  public static void discard(Map<String, Object> config) {
    KafkaProducer<byte[], byte[]> producer = PRODUCERS.remove(config);
    if (producer != null) {
      producer.close(Duration.ZERO);
    }
  }

  /**
   * Closes every client of this JVM; call once when the job stops. The sinks wait for every send and the jobs
   * for every Admin call, so what is still pending here is stuck (a write no broker accepts, a call no broker
   * answers): each client gets 2 s, not the 30 s that made a failed run's exit wait on a refused write.
   */
  public static void closeAll() {
    PRODUCERS.values().forEach(p -> p.close(CLOSE_TIMEOUT));
    PRODUCERS.clear();
    ADMINS.values().forEach(admin -> admin.close(CLOSE_TIMEOUT));
    ADMINS.clear();
  }
}
