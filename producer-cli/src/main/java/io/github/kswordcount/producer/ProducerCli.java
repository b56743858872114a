package io.github.kswordcount.producer;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * producer-cli: a drop-in {@code kafka-console-producer} (Kafka 3.9.2) — same options, same line parsing,
 * same records — that reports records the broker refused, exits 1 when any was lost and flushes on Ctrl-C.
 */
public final class ProducerCli {

  private ProducerCli() {}

  /**
   * Runs the tool without exiting the JVM.
   *
   * @param args the command-line arguments
   * @param in the lines to send
   * @param out where {@code --version} and the interactive prompt go
   * @param err where messages go
   * @return the exit status
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    ProducerOptions options = new ProducerOptions();
    return options.command().run(args, out, err, options::toSettings, settings -> {
      // Only the real process talks to a terminal and owns the JVM's shutdown.
      boolean realProcess = in == System.in;
      PrintStream prompt = realProcess && System.console() != null ? out : null;
      return new ProducerRunner(settings, err).run(in, prompt, realProcess);
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
