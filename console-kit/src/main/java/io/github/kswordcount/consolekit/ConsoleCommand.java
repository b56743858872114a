package io.github.kswordcount.consolekit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import joptsimple.BuiltinHelpFormatter;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The command line of a console tool, set up as Kafka's {@code CommandDefaultOptions} (a jopt-simple parser
 * without abbreviations, {@code --help} and {@code --version}) and run as Kafka's {@code CommandLineUtils}
 * run it, so the usage and the usage errors are jopt-simple's, as Kafka's tools print them. Unlike Kafka's,
 * nothing here exits the JVM: {@link #run} returns the exit status.
 *
 * <p>A tool's options class declares its options on {@link #parser()} and applies every rule between them
 * in one function from the {@link OptionSet} to its settings.
 */
public final class ConsoleCommand {

  /** Kafka's tools print their usage with jopt-simple's default layout: 80 columns, 2 between them. */
  private static final int HELP_WIDTH = 80;
  private static final int HELP_COLUMN_GAP = 2;

  private final OptionParser parser = new OptionParser(false);
  private final OptionSpec<Void> help = parser.accepts("help", "Print usage information.").forHelp();
  private final OptionSpec<Void> version = parser.accepts("version", "Display Kafka version.").forHelp();
  private final String helpHeader;

  /**
   * Creates the command line with {@code --help} and {@code --version} declared.
   *
   * @param helpHeader the line printed above the usage for {@code --help} or no arguments
   */
  public ConsoleCommand(String helpHeader) {
    this.helpHeader = helpHeader;
    parser.formatHelpWith(new BuiltinHelpFormatter(HELP_WIDTH, HELP_COLUMN_GAP));
  }

  /**
   * The parser, to declare the tool's options on.
   *
   * @return the parser
   */
  public OptionParser parser() {
    return parser;
  }

  /**
   * Parses the arguments and applies the tool's rules, reporting what jopt-simple reports as Kafka's tools
   * do: an error of the parse (unknown option, missing argument, missing required option) with the usage, an
   * error of reading a value (given twice, not a number) alone.
   *
   * @param rules the tool's rules, from the options given to its settings
   * @param args the command line
   * @param <S> the settings type
   * @return the settings
   * @throws UsageException for any mistake on the command line
   */
  public <S> S settings(Function<OptionSet, S> rules, String... args) {
    return apply(rules, parse(args));
  }

  /**
   * Runs a tool: prints the usage for {@code --help} or no arguments (exit 1), Kafka's version for
   * {@code --version} (exit 0), a {@link UsageException} on stderr (exit 1); otherwise runs the tool on its
   * settings.
   *
   * @param args the command line
   * @param out standard output, for the version
   * @param err standard error, for the usage and errors
   * @param rules the tool's rules, from the options given to its settings
   * @param tool the tool, from its settings to its exit status
   * @param <S> the settings type
   * @return the exit status
   */
  public <S> int run(String[] args, PrintStream out, PrintStream err, Function<OptionSet, S> rules,
      ToIntFunction<S> tool) {
    S settings;
    try {
      OptionSet options = parse(args);
      if (args.length == 0 || options.has(help)) {
        err.println(helpHeader);
        printUsage(err);
        return 1;
      }
      if (options.has(version)) {
        out.println(AppInfoParser.getVersion());
        return 0;
      }
      settings = apply(rules, options);
    } catch (UsageException e) {
      err.println(e.line());
      if (e.showUsage()) {
        printUsage(err);
      }
      return 1;
    }
    return tool.applyAsInt(settings);
  }

  /**
   * Prints the usage table: every option sorted by name, in jopt-simple's layout.
   *
   * @param err where to print (stderr, as Kafka's tools do)
   */
  public void printUsage(PrintStream err) {
    StringWriter usage = new StringWriter();
    try {
      parser.printHelpOn(usage);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    err.print(usage);
    err.flush();
  }

  /**
   * Refuses two options given together as Kafka 4.4's tools refuse a 3.9 name beside its new name, with their text
   * and the usage: {@code Options --consumer.config and --command-config cannot be specified together.}
   *
   * @param options the options given
   * @param first the option named first in the message
   * @param second the option named second
   * @throws UsageException when both were given
   */
  public static void refuseTogether(OptionSet options, OptionSpec<?> first, OptionSpec<?> second) {
    if (options.has(first) && options.has(second)) {
      throw UsageException.kafkaText("Options --" + first.options().get(0) + " and --" + second.options().get(0)
          + " cannot be specified together.", true);
    }
  }

  private OptionSet parse(String[] args) {
    try {
      return parser.parse(args);
    } catch (OptionException e) {
      throw UsageException.kafkaText(e.getMessage(), true);
    }
  }

  private static <S> S apply(Function<OptionSet, S> rules, OptionSet options) {
    try {
      return rules.apply(options);
    } catch (OptionException e) {
      throw UsageException.kafkaText(e.getMessage(), false);
    }
  }
}
