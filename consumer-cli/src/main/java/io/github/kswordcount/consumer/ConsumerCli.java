package io.github.kswordcount.consumer;

import io.github.kswordcount.core.cli.CommandLineException;
import io.github.kswordcount.core.cli.HelpPrinter;
import io.github.kswordcount.core.cli.ParsedArgs;
import java.io.InputStream;
import java.io.PrintStream;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * consumer-cli: a drop-in {@code kafka-console-consumer} (Kafka 3.9.1) — same options, same output bytes,
 * same {@code Processed a total of N messages} — with buffered output that keeps up with a pipe.
 */
public final class ConsumerCli {

  private ConsumerCli() {}

  /**
   * Runs the tool without exiting the JVM.
   *
   * @param args the command-line arguments
   * @param in standard input (unused; kept so every tool has the same entry point)
   * @param out where records go
   * @param err where messages go
   * @return the exit status
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    ConsumerSettings settings;
    try {
      ParsedArgs parsed = ConsumerOptions.PARSER.parse(args);
      if (args.length == 0 || parsed.has("help")) {
        err.println(ConsumerOptions.HELP_HEADER);
        HelpPrinter.print(ConsumerOptions.PARSER.options(), err);
        return 1;
      }
      if (parsed.has("version")) {
        out.println(AppInfoParser.getVersion());
        return 0;
      }
      settings = ConsumerOptions.toSettings(parsed);
    } catch (CommandLineException e) {
      err.println(e.getMessage());
      if (e.showUsage()) {
        HelpPrinter.print(ConsumerOptions.PARSER.options(), err);
      }
      return 1;
    }
    // Only the real process writes to a terminal and owns the JVM's shutdown.
    boolean realProcess = out == System.out;
    boolean terminal = realProcess && System.console() != null;
    return new ConsumerRunner(settings, err).run(out, terminal, realProcess);
  }

  /**
   * Runs the tool and exits with its status.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }
}
