package io.github.kswordcount.localkafka;

import io.github.kswordcount.consolekit.ErrorLine;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one of Kafka's own command-line tools in this JVM as its script runs it in a JVM of its own: the tool's
 * {@code System.out} and {@code System.err} (and Scala's {@code Console}) are the given streams, and its first
 * {@code Exit.exit} ends the run with that status instead of ending the JVM. Like a process, the run prints nothing
 * after that exit, even where Kafka's code catches what stopped it. Unlike Kafka's scripts, a stack trace is left
 * out (its first line too): DESIGN.md's rule for a user's error, and the tools print the message beside it.
 */
final class KafkaTool {
  /** Where no {@code Exit.exit} came, the status of a tool whose main failed (as the JVM's, for an uncaught one). */
  static final int FAILED = 1;

  /** A tool's {@code main}. */
  interface Main {
    void run(String[] args) throws Exception;
  }

  private KafkaTool() {
  }

  /**
   * Runs {@code main} on this thread; one run at a time per JVM (the standard streams are the JVM's).
   *
   * @return the status of the tool's first {@code Exit.exit}, else 0, or {@link #FAILED} if main threw
   */
  static synchronized int run(Main main, String[] args, PrintStream out, PrintStream err) {
    AtomicInteger exitStatus = new AtomicInteger(-1);
    ToolOutput toolOut = new ToolOutput(out, () -> exitStatus.get() >= 0);
    ToolOutput toolErr = new ToolOutput(err, () -> exitStatus.get() >= 0);
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    PrintStream printOut = new PrintStream(toolOut, true, StandardCharsets.UTF_8);
    PrintStream printErr = new PrintStream(toolErr, true, StandardCharsets.UTF_8);
    FatalExits.onThisThread((status, message) -> {
      exitStatus.compareAndSet(-1, status);
      // Unwinds the tool as the end of its process would; what it prints while unwinding is dropped.
      throw new ToolExit();
    });
    System.setOut(printOut);
    System.setErr(printErr);
    Exception[] failure = new Exception[1];
    try {
      scala.Console.withOut(printOut, () -> scala.Console.withErr(printErr, () -> {
        try {
          main.run(args);
        } catch (Exception e) {
          failure[0] = e;
        }
        return null;
      }));
      if (failure[0] != null && exitStatus.get() < 0) {
        // What the JVM prints for an uncaught exception, in one line.
        printErr.print("error: " + ErrorLine.of(failure[0]) + "\n");
        exitStatus.set(FAILED);
      }
    } catch (ToolExit e) {
      // The status is in exitStatus.
    } finally {
      FatalExits.onThisThread(null);
      System.setOut(stdout);
      System.setErr(stderr);
      printOut.flush();
      printErr.flush();
      toolOut.finish();
      toolErr.finish();
    }
    return Math.max(exitStatus.get(), 0);
  }

  /** Thrown by a tool's {@code Exit.exit}: an Error, so that Kafka's {@code catch (Exception e)} lets it pass. */
  private static final class ToolExit extends Error {
    private static final long serialVersionUID = 1L;

    ToolExit() {
      super("Kafka's tool exited", null, false, false);
    }
  }
}
