package io.github.kswordcount.core.internal.kafka;

import io.github.kswordcount.clientkit.AdminSettings;
import io.github.kswordcount.clientkit.RefusalHint;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Derives the other clients' settings from a job's consumer parameters, in one place: the connection and
 * security settings (bootstrap servers, {@code security.protocol}, SASL, SSL, DNS lookup...) are exactly the
 * keys the Admin client knows, so they carry over and consumer-only keys do not (no "unknown config" warnings).
 */
public final class ClientConfigs {

  private ClientConfigs() {}

  /**
   * What to check when Kafka refused a job's login, its group or a topic it reads, for the end of the error line:
   * the job's client settings come from {@code --consumer.config} or {@code --consumer-property}.
   *
   * @param failure the failure
   * @param group the job's group, named when the failure does not say which group was refused
   * @return e.g. {@code  (check this user's Read ACL on group 'counts')}, or an empty string
   */
  public static String refusalHint(Throwable failure, String group) {
    String hint = RefusalHint.of(failure, group, "--consumer.config or --consumer-property");
    if (!hint.isEmpty()) {
      return hint;
    }
    // A topic refusal that reaches the job's error line was met reading: the sink names its own.
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TopicAuthorizationException refused && !refused.unauthorizedTopics().isEmpty()) {
        return " (check this user's Read ACL on " + (refused.unauthorizedTopics().size() == 1 ? "topic " : "topics ")
            + refused.unauthorizedTopics().stream().sorted().map(topic -> "'" + topic + "'")
                .collect(Collectors.joining(", ")) + ")";
      }
    }
    return "";
  }

  /**
   * Admin client settings.
   *
   * @param clientParams consumer (or Admin) parameters
   * @return a new map with the keys an Admin client knows
   */
  public static HashMap<String, Object> admin(Map<String, Object> clientParams) {
    return AdminSettings.of(clientParams);
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
