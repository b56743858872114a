package io.github.kswordcount.core.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Derives the other clients' settings from a job's consumer parameters, in one place: the connection and
 * security settings (bootstrap servers, {@code security.protocol}, SASL, SSL, DNS lookup...) are exactly the
 * keys the Admin client knows, so they carry over and consumer-only keys do not (no "unknown config" warnings).
 */
public final class ClientConfigs {

  private ClientConfigs() {}

  /**
   * Admin client settings.
   *
   * @param clientParams consumer (or Admin) parameters
   * @return a new map with the keys an Admin client knows
   */
  public static HashMap<String, Object> admin(Map<String, Object> clientParams) {
    HashMap<String, Object> config = new HashMap<>();
    clientParams.forEach((k, v) -> {
      if (AdminClientConfig.configNames().contains(k)) {
        config.put(k, v);
      }
    });
    return config;
  }

  /**
   * Idempotent, {@code acks=all} producer settings of byte arrays; the consumer's {@code client.id} is not
   * reused (two clients with one id clash in metrics).
   *
   * @param clientParams the job's consumer parameters
   * @return a new map
   */
  public static HashMap<String, Object> producer(Map<String, Object> clientParams) {
    HashMap<String, Object> config = admin(clientParams);
    config.remove(AdminClientConfig.CLIENT_ID_CONFIG);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return config;
  }
}
