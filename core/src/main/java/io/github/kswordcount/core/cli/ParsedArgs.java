package io.github.kswordcount.core.cli;

import java.util.List;
import java.util.Map;

/**
 * The options found on a command line, read the way jopt-simple's {@code OptionSet} reads them: a value is
 * converted when asked for, and asking for one value of an option given twice is an error.
 */
public final class ParsedArgs {

  private final Map<String, OptionSpec> specs;
  private final Map<String, List<String>> given;

  ParsedArgs(Map<String, OptionSpec> specs, Map<String, List<String>> given) {
    this.specs = specs;
    this.given = given;
  }

  /**
   * Whether the option was given.
   *
   * @param name the option name
   * @return {@code true} when present (with or without argument)
   */
  public boolean has(String name) {
    return given.containsKey(spec(name).name());
  }

  /**
   * Every argument given to a repeatable option, or its default when absent.
   *
   * @param name the option name
   * @return the arguments in command-line order
   */
  public List<String> valuesOf(String name) {
    List<String> values = given.get(spec(name).name());
    if (values == null || values.isEmpty()) {
      String dflt = specs.get(name).defaultValue();
      return dflt == null ? List.of() : List.of(dflt);
    }
    return values;
  }

  /**
   * The single argument of an option, its default when absent, or {@code null}.
   *
   * @param name the option name
   * @return the value
   * @throws CommandLineException (without usage) when the option was given more than once with arguments
   */
  public String valueOf(String name) {
    List<String> values = valuesOf(name);
    if (values.size() > 1) {
      throw CommandLineException.alone("Found multiple arguments for option " + name + ", but you asked for only one");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * The single argument converted as jopt-simple converts an {@code Integer} option.
   *
   * @param name the option name
   * @return the value, or {@code null} when absent without default
   * @throws CommandLineException (without usage) when it is not an int
   */
  public Integer intValue(String name) {
    String value = valueOf(name);
    try {
      return value == null ? null : Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw cannotParse(name, value);
    }
  }

  /**
   * The single argument converted as jopt-simple converts a {@code Long} option.
   *
   * @param name the option name
   * @return the value, or {@code null} when absent without default
   * @throws CommandLineException (without usage) when it is not a long
   */
  public Long longValue(String name) {
    String value = valueOf(name);
    try {
      return value == null ? null : Long.valueOf(value);
    } catch (NumberFormatException e) {
      throw cannotParse(name, value);
    }
  }

  /**
   * Whether the command line had no arguments that were options.
   *
   * @return {@code true} when no option was given
   */
  public boolean isEmpty() {
    return given.isEmpty();
  }

  private static CommandLineException cannotParse(String name, String value) {
    return CommandLineException.alone("Cannot parse argument '" + value + "' of option " + name);
  }

  private OptionSpec spec(String name) {
    OptionSpec spec = specs.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("option --" + name + " is not declared");
    }
    return spec;
  }
}
