package io.github.kswordcount.core.cli;

import java.util.Objects;

/**
 * One command-line option as Kafka's tools declare it with jopt-simple: a long name, whether it takes an
 * argument, how the usage describes it and the value used when it is absent.
 *
 * @param name the name without dashes, e.g. {@code bootstrap-server}
 * @param arity whether the option takes no argument, needs one, or may have one
 * @param type the argument type shown in the usage ({@code String}, {@code Integer}, {@code Long})
 * @param argName how the usage names the argument, or empty
 * @param description the usage text
 * @param defaultValue the value when the option is absent, or {@code null}
 */
public record OptionSpec(String name, Arity arity, String type, String argName, String description,
    String defaultValue) {

  /** How an option takes its argument. */
  public enum Arity {
    /** A flag: {@code --sync}. */
    NONE,
    /** The next argument (whatever it looks like) or {@code =value}: {@code --topic t}. */
    REQUIRED,
    /** The next argument unless it looks like an option: {@code --compression-codec [codec]}. */
    OPTIONAL
  }

  /** Checks the components. */
  public OptionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arity, "arity");
    Objects.requireNonNull(description, "description");
  }

  /**
   * A flag without argument.
   *
   * @param name the name without dashes
   * @param description the usage text
   * @return the spec
   */
  public static OptionSpec flag(String name, String description) {
    return new OptionSpec(name, Arity.NONE, "", "", description, null);
  }

  /**
   * An option that needs an argument.
   *
   * @param name the name without dashes
   * @param type the argument type shown in the usage
   * @param argName how the usage names the argument
   * @param description the usage text
   * @param defaultValue the value when absent, or {@code null}
   * @return the spec
   */
  public static OptionSpec withArg(String name, String type, String argName, String description,
      String defaultValue) {
    return new OptionSpec(name, Arity.REQUIRED, type, argName, description, defaultValue);
  }

  /**
   * An option whose argument may be left out.
   *
   * @param name the name without dashes
   * @param type the argument type shown in the usage
   * @param argName how the usage names the argument
   * @param description the usage text
   * @return the spec
   */
  public static OptionSpec withOptionalArg(String name, String type, String argName, String description) {
    return new OptionSpec(name, Arity.OPTIONAL, type, argName, description, null);
  }
}
