package io.github.kswordcount.consumer;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * consumer-cli: a drop-in {@code kafka-console-consumer} (Kafka 3.9.2) — same options, same output bytes,
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
    ConsumerOptions options = new ConsumerOptions();
    return options.command().run(args, out, err, options::toSettings, settings -> {
      // Only the real process writes to a terminal and owns the JVM's shutdown.
      boolean realProcess = out == System.out;
      boolean terminal = realProcess && System.console() != null;
      return new ConsumerRunner(settings, err).run(out, terminal, realProcess);
    });
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
