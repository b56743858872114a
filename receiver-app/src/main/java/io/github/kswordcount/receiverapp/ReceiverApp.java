package io.github.kswordcount.receiverapp;

import java.io.PrintStream;

/** Entry point of receiver-app: the receiver-based word-count job (not built yet; its issue fills it in). */
public final class ReceiverApp {

  private ReceiverApp() {}

  /**
   * Runs the tool without exiting the JVM.
   *
   * @param args the command-line arguments
   * @param out where data goes
   * @param err where messages go
   * @return the exit status
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    err.println("error: receiver-app is not built yet: the receiver-based word-count job is planned in its own issue");
    return 1;
  }

  /**
   * Runs the tool and exits with its status.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }
}
