package io.github.kswordcount.localkafka;

import io.github.kswordcount.consolekit.ErrorLine;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Runs one of Kafka's own command-line tools in this JVM as its script runs it in a JVM of its own: the tool's
 * {@code System.out} and {@code System.err} (and Scala's {@code Console}) are the given streams, and its first
 * {@code Exit.exit} ends the run with that status instead of ending the JVM. Like a process, the run prints nothing
 * after that exit, even where Kafka's code catches what stopped it. Unlike Kafka's scripts, a stack trace is left
 * out (its first line too): DESIGN.md's rule for a user's error, and the tools print the message beside it. A
 * command may also say one failure of its tool in words ({@link #run(Main, String[], PrintStream, PrintStream,
 * UnaryOperator)}).
 */
final class KafkaTool {
  /** A tool's {@code main}. */
  interface Main {
    void run(String[] args) throws Exception;
  }

  private KafkaTool() {
  }

  /**
   * Runs {@code main} on this thread; one run at a time per JVM (the standard streams are the JVM's).
   *
   * @return the status of the tool's first {@code Exit.exit}, else 0, or 1 if main threw (as the JVM's would be)
   */
  static int run(Main main, String[] args, PrintStream out, PrintStream err) {
    return run(main, args, out, err, line -> null);
  }

  /**
   * Runs {@code main} as {@link #run(Main, String[], PrintStream, PrintStream)} does, and prints a failure that the
   * tool reports on stdout in a line of Kafka's internals as one {@code error:} line on {@code err} instead; the
   * tool's stdout after that line (its stack trace) is dropped.
   *
   * @param inWords for a line the tool prints on stdout, the {@code error:} line that says it, or {@code null}
   * @return the status of the tool's first {@code Exit.exit}, else 0, or 1 if main threw (as the JVM's would be)
   */
  static synchronized int run(Main main, String[] args, PrintStream out, PrintStream err,
      UnaryOperator<String> inWords) {
    AtomicInteger exitStatus = new AtomicInteger(-1);
    Output toolOut = new Output(out, exitStatus, inWords, err);
    Output toolErr = new Output(err, exitStatus, line -> null, err);
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    FatalExits.onThisThread((status, message) -> {
      exitStatus.compareAndSet(-1, status);
      // Unwinds the tool as the end of its process would; what it prints while unwinding is dropped.
      throw new ToolExit();
    });
    System.setOut(toolOut.printer);
    System.setErr(toolErr.printer);
    Exception[] failure = new Exception[1];
    try {
      scala.Console.withOut(toolOut.printer, () -> scala.Console.withErr(toolErr.printer, () -> {
        try {
          main.run(args);
        } catch (Exception e) {
          failure[0] = e;
        }
        return null;
      }));
      if (failure[0] != null && exitStatus.get() < 0) {
        // What the JVM prints for an uncaught exception, in one line.
        toolErr.printer.print("error: " + ErrorLine.of(failure[0]) + "\n");
        exitStatus.set(1);
      }
    } catch (ToolExit e) { // its status is in exitStatus
    } finally {
      FatalExits.onThisThread(null);
      System.setOut(stdout);
      System.setErr(stderr);
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

  /**
   * One standard stream of a run, line by line: bytes written once the tool has exited are dropped, and so are stack
   * traces (their frames, causes, and the exception's own line before them).
   */
  private static final class Output extends OutputStream {
    private static final Pattern FRAME =
        Pattern.compile("\\s+(at \\S.*|\\.\\.\\. \\d+ more)|\\s*(Caused by|Suppressed): .*");
    private static final Pattern THROWABLE =
        Pattern.compile("(Exception in thread \".*\" )?([\\w$]+\\.)+[\\w$]*(Exception|Error|Throwable)(: .*)?");

    final PrintStream printer = new PrintStream(this, true, StandardCharsets.UTF_8);
    private final PrintStream target;
    private final AtomicInteger exitStatus;
    private final UnaryOperator<String> failure;
    private final PrintStream errors;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    /** A line that may be the first of a stack trace: printed only if no frame follows. */
    private byte[] held;
    /** Whether a failure was said in words: what follows it is dropped. */
    private boolean said;

    Output(PrintStream target, AtomicInteger exitStatus, UnaryOperator<String> failure, PrintStream errors) {
      this.target = target;
      this.exitStatus = exitStatus;
      this.failure = failure;
      this.errors = errors;
    }

    @Override
    public synchronized void write(int b) {
      if (exitStatus.get() < 0 && !said) {
        line.write(b);
        if (b == '\n') {
          endLine();
        }
      }
    }

    @Override
    public synchronized void flush() {
      target.flush();
    }

    /** Prints what is still held or unfinished: the run is over. */
    synchronized void finish() {
      printer.flush();
      release();
      if (!said) {
        target.write(line.toByteArray(), 0, line.size());
      }
      target.flush();
    }

    private void endLine() {
      byte[] bytes = line.toByteArray();
      line.reset();
      String text = new String(bytes, StandardCharsets.UTF_8).stripTrailing();
      String error = failure.apply(text);
      if (error != null) {
        release();
        errors.print(error + "\n");
        errors.flush();
        said = true;
        return;
      }
      if (FRAME.matcher(text).matches()) {
        held = null;
        return;
      }
      release();
      if (THROWABLE.matcher(text).matches()) {
        held = bytes;
      } else {
        target.write(bytes, 0, bytes.length);
      }
    }

    private void release() {
      if (held != null) {
        target.write(held, 0, held.length);
        held = null;
      }
    }
  }
}
