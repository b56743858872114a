package io.github.kswordcount.core.output;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producer settings for the counts sinks: the connection and security part of the consumer's, plus safe writes. */
final class ProducerSettings {

  private ProducerSettings() {}

  /**
   * Idempotent, acks=all producer settings over the connection settings of {@code consumerParams}.
   *
   * @param consumerParams the job's consumer parameters
   * @return a new mutable map
   */
  static HashMap<String, Object> from(Map<String, Object> consumerParams) {
    HashMap<String, Object> config = new HashMap<>();
    consumerParams.forEach((k, v) -> {
      // The common client settings (bootstrap, security, client.dns.lookup...) are exactly the Admin's.
      if (AdminClientConfig.configNames().contains(k) && !k.equals(AdminClientConfig.CLIENT_ID_CONFIG)) {
        config.put(k, v);
      }
    });
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return config;
  }
}
