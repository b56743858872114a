package io.github.kswordcount.jobframe;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import io.github.kswordcount.consolekit.UsageException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a tool's arguments into its options object, the same way for every tool. */
final class CommandLine {
  private static final Pattern NOT_CONVERTED =
      Pattern.compile("\"(-[^\"]+)\": couldn't convert \"(.*)\" to an? ([A-Za-z]+)");

  private CommandLine() {}

  /**
   * The parser for a tool's options. {@code @file} expansion is off: a Kafka user does not expect it.
   *
   * @param program the program name shown in the usage
   * @param options the JCommander-annotated options object
   * @return the parser, for {@link #parse} and {@link #usage}
   */
  static JCommander commander(String program, Object options) {
    return JCommander.newBuilder().programName(program).addObject(options).expandAtSign(false).build();
  }

  /**
   * Fills the parser's options object from {@code args}.
   *
   * @param commander the parser from {@link #commander}
   * @param args the arguments
   * @throws UsageException for an unknown option, a missing or malformed value
   */
  static void parse(JCommander commander, String[] args) {
    try {
      commander.parse(args);
    } catch (ParameterException e) {
      throw UsageException.withUsage(readable(e.getMessage()));
    }
  }

  /** JCommander's {@code "--x": couldn't convert "v" to a double} in the tools' own words. */
  static String readable(String message) {
    Matcher m = NOT_CONVERTED.matcher(message);
    if (!m.matches()) {
      return message;
    }
    String type = m.group(3).toLowerCase(Locale.ROOT);
    String use = switch (type) {
      case "double", "float" -> "a number";
      case "int", "integer", "long" -> "a whole number";
      default -> "a " + type;
    };
    return m.group(1) + " '" + m.group(2) + "' is invalid: use " + use;
  }

  /**
   * Prints the usage to {@code err}.
   *
   * @param commander the parser from {@link #parse}
   * @param err where to print
   */
  static void usage(JCommander commander, PrintStream err) {
    StringBuilder text = new StringBuilder();
    commander.getUsageFormatter().usage(text);
    err.print(text);
    err.flush();
  }
}
