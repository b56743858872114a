package io.github.kswordcount.core.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;

/**
 * One Admin client per distinct configuration in this JVM, shared by the committer, the transactional
 * writer and the progress reporter: they run once per batch on the driver, and a client per call would
 * reconnect every time. Lazily created, so objects in checkpointed closures reach the same client.
 */
public final class SharedAdmins {
  private static final Map<Map<String, Object>, Admin> ADMINS = new ConcurrentHashMap<>();

  private SharedAdmins() {}

  /**
   * The shared client for the Admin settings within {@code clientParams}.
   *
   * @param clientParams consumer or Admin parameters; keys an Admin client does not know are left out
   * @return the client; do not close it, {@link #closeAll()} does
   */
  public static Admin forParams(Map<String, Object> clientParams) {
    return ADMINS.computeIfAbsent(OffsetCommitter.adminConfig(clientParams), config -> Admin.create(new HashMap<>(config)));
  }

  /** Closes every shared client; call once when the job stops. */
  public static void closeAll() {
    ADMINS.values().forEach(admin -> admin.close(Duration.ofSeconds(10)));
    ADMINS.clear();
  }
}
