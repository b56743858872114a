package io.github.kswordcount.core.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses arguments with the rules of jopt-simple as Kafka's tools configure it, so that a command line
 * that works with Kafka's tool works here and one that fails fails with the same message.
 *
 * <ul>
 *   <li>{@code --name value}, {@code --name=value}; one dash works too ({@code -topic t}); no abbreviations;
 *   <li>a required argument is the next argument whatever it looks like ({@code --topic --sync} names the
 *       topic {@code --sync}); an optional one is taken only when it does not look like an option;
 *   <li>{@code --} ends the options; other non-option arguments are accepted and ignored;
 *   <li>errors: {@code foo is not a recognized option}, {@code Option topic requires an argument}.
 * </ul>
 *
 * <p>Why not JCommander: it cannot take an optional argument ({@code --compression-codec [codec]}), it lets a
 * single-valued option repeat silently, and its messages differ from the ones Kafka users script against.
 *
 * <p>It serves the console tools (producer-cli and consumer-cli); the Spark jobs parse with JCommander.
 */
public final class ArgParser {

  private final Map<String, OptionSpec> specs = new LinkedHashMap<>();

  /**
   * Creates a parser for these options.
   *
   * @param options every option the tool accepts
   */
  public ArgParser(List<OptionSpec> options) {
    options.forEach(spec -> specs.put(spec.name(), spec));
  }

  /**
   * The options, in the order given.
   *
   * @return the specs
   */
  public List<OptionSpec> options() {
    return List.copyOf(specs.values());
  }

  /**
   * Parses the arguments.
   *
   * @param args the command line
   * @return what was given
   * @throws CommandLineException (with usage) for an unknown option or a missing argument
   */
  public ParsedArgs parse(String... args) {
    Map<String, List<String>> given = new LinkedHashMap<>();
    int i = 0;
    while (i < args.length) {
      String arg = args[i++];
      if (arg.equals("--")) {
        break;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        continue;
      }
      String body = arg.substring(arg.startsWith("--") ? 2 : 1);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      String inline = eq < 0 ? null : body.substring(eq + 1);
      OptionSpec spec = specs.get(name);
      if (spec == null) {
        throw unrecognized(arg, body);
      }
      List<String> values = given.computeIfAbsent(name, k -> new ArrayList<>());
      i = takeArgument(spec, inline, args, i, values);
    }
    return new ParsedArgs(specs, freeze(given));
  }

  private static CommandLineException unrecognized(String arg, String body) {
    // jopt-simple reads an unknown single-dash token as a cluster of one-letter options and names the first.
    String name = arg.startsWith("--") ? body.split("=", 2)[0] : body.substring(0, 1);
    return CommandLineException.withUsage(name + " is not a recognized option");
  }

  private static int takeArgument(OptionSpec spec, String inline, String[] args, int next, List<String> values) {
    switch (spec.arity()) {
      case NONE:
        return next;
      case REQUIRED:
        if (inline != null) {
          values.add(inline);
          return next;
        }
        if (next >= args.length) {
          throw CommandLineException.withUsage("Option " + spec.name() + " requires an argument");
        }
        values.add(args[next]);
        return next + 1;
      default:
        if (inline != null) {
          values.add(inline);
          return next;
        }
        if (next < args.length && !looksLikeOption(args[next])) {
          values.add(args[next]);
          return next + 1;
        }
        return next;
    }
  }

  private static boolean looksLikeOption(String arg) {
    return arg.startsWith("-") && !arg.equals("-");
  }

  private static Map<String, List<String>> freeze(Map<String, List<String>> given) {
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    given.forEach((name, values) -> frozen.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(frozen);
  }
}
