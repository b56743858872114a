package io.github.kswordcount.localkafka;

import io.github.kswordcount.consolekit.UsageException;
import java.util.Objects;

/**
 * A SCRAM user of a secured cluster. {@link #toString()} never shows the password.
 *
 * @param name     the user name; its principal is {@code User:NAME}
 * @param password the password, for SCRAM-SHA-256 and SCRAM-SHA-512 alike
 */
record ScramUser(String name, String password) {
  static final String RULE = "use NAME:PASSWORD, NAME of letters, digits, '.', '_', '-' and '@', PASSWORD not"
      + " empty and without ','";

  /**
   * Checks both parts.
   *
   * @throws IllegalArgumentException saying which rule the name or password breaks (never showing the password)
   */
  ScramUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(password, "password");
    if (!validName(name)) {
      throw new IllegalArgumentException("user name '" + name + "' is invalid: " + RULE);
    }
    // Kafka's --add-scram parser splits its argument at every ',' (no quoting can protect one).
    if (password.isEmpty() || password.indexOf(',') >= 0 || password.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("the password of user '" + name + "' is invalid: " + RULE);
    }
  }

  /**
   * Parses {@code --user NAME:PASSWORD}; the password may contain ':'.
   *
   * @throws UsageException naming the option and the rule, and only the user name of the value
   */
  static ScramUser parse(String value) throws UsageException {
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw UsageException.alone("--user '" + value + "' is invalid: " + RULE);
    }
    String name = value.substring(0, colon);
    try {
      return new ScramUser(name, value.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      // Never echo the value: it holds a password.
      throw UsageException.alone("--user '" + name + ":***' is invalid: " + RULE);
    }
  }

  /** The ACL principal of this user. */
  String principal() {
    return "User:" + name;
  }

  @Override
  public String toString() {
    return "ScramUser[name=" + name + ", password=***]";
  }

  private static boolean validName(String name) {
    return !name.isEmpty() && name.codePoints().allMatch(
        c -> Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '@');
  }
}
