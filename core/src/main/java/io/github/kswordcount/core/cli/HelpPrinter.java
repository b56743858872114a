package io.github.kswordcount.core.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Prints the usage in the two-column layout of Kafka's tools: options sorted by name, text wrapped. */
public final class HelpPrinter {

  private static final int OPTION_WIDTH = 39;
  private static final int TEXT_WIDTH = 38;
  private static final String GAP = "  ";

  private HelpPrinter() {}

  /**
   * Prints the usage table.
   *
   * @param options the options to list
   * @param err where to print (stderr, as Kafka's tools do)
   */
  public static void print(List<OptionSpec> options, PrintStream err) {
    StringBuilder out = new StringBuilder();
    row(out, List.of("Option"), List.of("Description"));
    row(out, List.of("------"), List.of("-----------"));
    options.stream()
        .sorted(Comparator.comparing(OptionSpec::name))
        .forEach(spec -> row(out, wrap(left(spec), OPTION_WIDTH, "  "), wrap(right(spec), TEXT_WIDTH, "  ")));
    err.print(out);
    err.flush();
  }

  private static String left(OptionSpec spec) {
    String arg = spec.argName().isEmpty() ? spec.type() : spec.type() + ": " + spec.argName();
    switch (spec.arity()) {
      case REQUIRED:
        return "--" + spec.name() + " <" + arg + ">";
      case OPTIONAL:
        return "--" + spec.name() + " [" + arg + "]";
      default:
        return "--" + spec.name();
    }
  }

  private static String right(OptionSpec spec) {
    String dflt = spec.defaultValue() == null ? "" : " (default: " + spec.defaultValue() + ")";
    return spec.description() + dflt;
  }

  private static void row(StringBuilder out, List<String> left, List<String> right) {
    int lines = Math.max(left.size(), right.size());
    for (int i = 0; i < lines; i++) {
      String l = i < left.size() ? left.get(i) : "";
      String r = i < right.size() ? right.get(i) : "";
      out.append(l);
      if (!r.isEmpty()) {
        out.append(" ".repeat(OPTION_WIDTH - l.length())).append(GAP).append(r);
      }
      out.append('\n');
    }
  }

  /** Wraps at spaces; a word longer than the width is cut. Continuation lines get {@code indent}. */
  static List<String> wrap(String text, int width, String indent) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ", -1)) {
        String prefix = lines.isEmpty() && line.length() == 0 ? "" : indent;
        if (line.length() > 0 && line.length() + 1 + word.length() > width) {
          lines.add(line.toString());
          line.setLength(0);
        }
        if (line.length() == 0) {
          line.append(prefix);
        } else {
          line.append(' ');
        }
        line.append(word);
        while (line.length() > width) {
          lines.add(line.substring(0, width));
          line.replace(0, width, indent);
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
