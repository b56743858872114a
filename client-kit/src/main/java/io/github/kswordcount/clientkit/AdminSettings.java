package io.github.kswordcount.clientkit;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * An Admin client's settings taken from another client's: the connection and security settings (bootstrap
 * servers, {@code security.protocol}, SASL, SSL, DNS lookup...) are exactly the keys the Admin client knows, so
 * they carry over and producer- or consumer-only keys do not (no "unknown config" warnings).
 */
public final class AdminSettings {

  private AdminSettings() {}

  /**
   * The keys of {@code clientParams} an Admin client knows.
   *
   * @param clientParams a producer's, consumer's or Admin client's settings
   * @return a new map
   */
  public static HashMap<String, Object> of(Map<String, Object> clientParams) {
    return only(clientParams, AdminClientConfig.configNames());
  }

  /** The keys of {@code clientParams} among {@code names} (another client's config names), in a new map. */
  static HashMap<String, Object> only(Map<String, Object> clientParams, Set<String> names) {
    HashMap<String, Object> config = new HashMap<>();
    clientParams.forEach((k, v) -> {
      if (names.contains(k)) {
        config.put(k, v);
      }
    });
    return config;
  }
}
