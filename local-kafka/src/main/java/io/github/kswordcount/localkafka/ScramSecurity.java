package io.github.kswordcount.localkafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The secured mode of a local cluster: clients authenticate with SASL/SCRAM on the broker listener, and
 * Kafka's {@code StandardAuthorizer} allows only what an ACL allows. The first user is a super user, and the
 * brokers use it among themselves.
 *
 * <p>The controller listener stays PLAINTEXT on 127.0.0.1: its principal is {@code User:ANONYMOUS}, which is
 * therefore a super user too (brokers register and heartbeat through it).
 */
final class ScramSecurity {
  /** The client listener's name and protocol in secured mode. */
  static final String LISTENER = "SASL_PLAINTEXT";
  /** What a client sets as {@code sasl.mechanism} unless it picks SCRAM-SHA-512. */
  static final String DEFAULT_MECHANISM = "SCRAM-SHA-256";
  static final List<String> MECHANISMS = List.of("SCRAM-SHA-256", "SCRAM-SHA-512");
  private static final String LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
  private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

  private final List<ScramUser> users;

  ScramSecurity(List<ScramUser> users) {
    if (users.isEmpty()) {
      throw new IllegalArgumentException("a secured cluster needs at least one user");
    }
    Map<String, ScramUser> byName = new LinkedHashMap<>();
    for (ScramUser user : users) {
      if (byName.putIfAbsent(user.name(), user) != null) {
        throw new IllegalArgumentException("user '" + user.name() + "' is given twice");
      }
    }
    this.users = List.copyOf(users);
  }

  /** Every user, the super user first. */
  List<ScramUser> users() {
    return users;
  }

  ScramUser superUser() {
    return users.get(0);
  }

  Optional<ScramUser> user(String name) {
    return users.stream().filter(u -> u.name().equals(name)).findFirst();
  }

  /** The broker properties that turn the listener named {@link #LISTENER} into an authenticated, authorized one. */
  Map<String, String> brokerConfig() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("sasl.enabled.mechanisms", String.join(",", MECHANISMS));
    props.put("sasl.mechanism.inter.broker.protocol", DEFAULT_MECHANISM);
    for (String mechanism : MECHANISMS) {
      props.put("listener.name." + LISTENER.toLowerCase(Locale.ROOT) + "." + mechanism.toLowerCase(Locale.ROOT)
          + ".sasl.jaas.config", jaasConfig(superUser()));
    }
    props.put("authorizer.class.name", AUTHORIZER);
    props.put("allow.everyone.if.no.acl.found", "false");
    props.put("super.users", superUser().principal() + ";User:ANONYMOUS");
    return props;
  }

  /**
   * What a client of {@code user} sets besides {@code bootstrap.servers}.
   *
   * @return {@code security.protocol}, {@code sasl.mechanism} (SCRAM-SHA-256) and {@code sasl.jaas.config}
   */
  static Map<String, String> clientConfig(ScramUser user) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("security.protocol", LISTENER);
    props.put("sasl.mechanism", DEFAULT_MECHANISM);
    props.put("sasl.jaas.config", jaasConfig(user));
    return props;
  }

  /** The {@code --add-scram} arguments of {@code kafka-storage format}: each user for each mechanism. */
  List<String> formatterArguments() {
    List<String> arguments = new ArrayList<>();
    for (ScramUser user : users) {
      for (String mechanism : MECHANISMS) {
        // Quoted, so that a password that itself starts and ends with '"' keeps its quotes.
        arguments.add(mechanism + "=[name=" + user.name() + ",password=\"" + user.password() + "\"]");
      }
    }
    return arguments;
  }

  /** {@code text} with every password replaced by {@code ***}, for messages built from Kafka's. */
  String mask(String text) {
    String masked = text == null ? "" : text;
    for (ScramUser user : users) {
      masked = masked.replace(user.password(), "***");
    }
    return masked;
  }

  /** The ScramLoginModule line; a JAAS quoted string takes '\' and '"' escaped. */
  static String jaasConfig(ScramUser user) {
    return LOGIN_MODULE + " required username=\"" + escape(user.name()) + "\" password=\""
        + escape(user.password()) + "\";";
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    return "ScramSecurity" + users;
  }
}
