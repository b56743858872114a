package io.github.kswordcount.clientkit;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;

/**
 * What to check when Kafka refused a consumer's login or its group: the {@code (check ...)} that ends its
 * {@code error:} line, worded as the other hints are ({@code (check this user's Write and Describe ACLs on topic
 * 'out')}). Refusals on topics need a hint that knows whether the client reads or writes; their callers add it.
 */
public final class RefusalHint {

  private RefusalHint() {}

  /**
   * The hint for the first refused login or group in an exception chain.
   *
   * <p>{@code err.println("error: " + ErrorLine.of(e) + RefusalHint.of(e, group, "--consumer.config"))}
   *
   * @param e the failure
   * @param group the client's group, named when the exception does not say which group was refused
   * @param options where the client's settings come from, e.g. {@code --consumer.config or --consumer-property}
   * @return e.g. {@code  (check this user's Read ACL on group 'counts')}, or an empty string
   */
  public static String of(Throwable e, String group, String options) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AuthenticationException) {
        return " (check the user name and password in sasl.jaas.config, from " + options + ")";
      }
      if (t instanceof GroupAuthorizationException refused) {
        return " (check this user's Read ACL on group '" + (refused.groupId() == null ? group : refused.groupId())
            + "')";
      }
    }
    return "";
  }
}
