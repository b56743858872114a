package io.github.kswordcount.localkafka;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What a test against a secured {@link LocalKafka} needs besides the cluster: ACLs granted by the super user, and
 * client properties files for the tools' {@code --command-config}, {@code --producer.config} or
 * {@code --consumer.config}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(b -> b.user("admin", "admin-secret")
 *     .user("alice", "alice-secret"));
 *
 * SecuredClients.allow(kafka, "alice", ResourceType.TOPIC, "lab", AclOperation.READ, AclOperation.DESCRIBE);
 * Path alice = SecuredClients.propertiesFile(dir.resolve("alice.properties"), kafka.clientConfig("alice"));
 * }</pre>
 */
public final class SecuredClients {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private SecuredClients() {
  }

  /**
   * Allows {@code user} the operations on a resource (a literal name, from any host), and waits until the broker
   * lists the ACLs: from then on its authorizer applies them.
   *
   * @param kafka      a secured, started cluster
   * @param user       a user name; the principal is {@code User:NAME}
   * @param type       TOPIC, GROUP, TRANSACTIONAL_ID or CLUSTER
   * @param name       the resource name ({@code kafka-cluster} for the cluster, {@code *} for all)
   * @param operations what to allow
   */
  public static void allow(LocalKafka kafka, String user, ResourceType type, String name,
      AclOperation... operations) {
    grant(kafka, new ResourcePattern(type, name, PatternType.LITERAL), user, AclPermissionType.ALLOW, operations);
  }

  /**
   * {@link #allow} for every resource whose name starts with {@code prefix} ({@code --resource-pattern-type
   * prefixed}), e.g. the transactional ids {@code wordcount-tx-}.
   *
   * @param kafka      a secured, started cluster
   * @param user       a user name
   * @param type       the resource type
   * @param prefix     the name prefix
   * @param operations what to allow
   */
  public static void allowPrefixed(LocalKafka kafka, String user, ResourceType type, String prefix,
      AclOperation... operations) {
    grant(kafka, new ResourcePattern(type, prefix, PatternType.PREFIXED), user, AclPermissionType.ALLOW, operations);
  }

  /**
   * Writes client settings as a properties file (UTF-8), e.g. {@code kafka.clientConfig("alice")}.
   *
   * @param file   where to write
   * @param config the settings
   * @return {@code file}
   */
  public static Path propertiesFile(Path file, Map<String, String> config) {
    Properties props = new Properties();
    props.putAll(config);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      props.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * The client settings of {@code user}, but with another password: for tests of a refused login.
   *
   * @param kafka    a secured, started cluster
   * @param user     a user of the cluster
   * @param password the wrong password
   * @return the settings
   */
  public static Map<String, String> withPassword(LocalKafka kafka, String user, String password) {
    Map<String, String> config = new HashMap<>(kafka.clientConfig(user));
    config.put("sasl.jaas.config", ScramSecurity.jaasConfig(new ScramUser(user, password)));
    return Map.copyOf(config);
  }

  private static void grant(LocalKafka kafka, ResourcePattern resource, String user, AclPermissionType permission,
      AclOperation... operations) {
    List<AclBinding> bindings = new ArrayList<>();
    for (AclOperation operation : operations) {
      bindings.add(new AclBinding(resource, new AccessControlEntry("User:" + user, "*", operation, permission)));
    }
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    try (Admin admin = Admin.create(config)) {
      admin.createAcls(bindings).all().get();
      AclBindingFilter filter = new AclBindingFilter(resource.toFilter(), AccessControlEntryFilter.ANY);
      await("the broker to list " + bindings)
          .atMost(TIMEOUT).pollInSameThread()
          .until(() -> listed(admin, filter).containsAll(bindings));
    } catch (ExecutionException e) {
      throw new AssertionError("cannot create " + bindings + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static List<AclBinding> listed(Admin admin, AclBindingFilter filter) {
    try {
      return new ArrayList<>(admin.describeAcls(filter).values().get());
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
