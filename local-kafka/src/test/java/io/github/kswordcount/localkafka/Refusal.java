package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Runs a job or a tool that Kafka refuses, and checks it ends the way the README promises: exit 1 within 30 s,
 * exactly one {@code error:} line on stderr and no stack trace.
 */
public final class Refusal {

  private Refusal() {}

  /**
   * Runs a job in this JVM and checks its end; prints what happened and how long it took, for the notes.
   *
   * @param what the refusal, for the printout
   * @param stderr what the job wrote to stderr, read once it has ended
   * @param job runs the job and returns its exit status
   * @return the error line
   */
  public static String of(String what, Supplier<String> stderr, IntSupplier job) {
    long started = System.nanoTime();
    int status = job.getAsInt();
    return check(what, status, started, stderr.get());
  }

  /**
   * Runs a tool in its own JVM (its start included in the 30 s) and checks its end, as {@link #of} does.
   *
   * @param what the refusal, for the printout
   * @param tool the tool
   * @param stdin the bytes on its standard input
   * @param timeout the run's deadline, after which it is killed
   * @param args its arguments
   * @return the run, whose stderr holds the one error line ({@link #errorLine})
   */
  public static JavaTool.Result ofTool(String what, JavaTool tool, byte[] stdin, Duration timeout, String... args) {
    long started = System.nanoTime();
    JavaTool.Result result = tool.run(stdin, timeout, args);
    check(what, result.exitCode(), started, result.stderr());
    return result;
  }

  /**
   * The one {@code error:} line of a refused run's stderr.
   *
   * @param stderr what the run wrote to stderr
   * @return the line, {@code error: } included
   */
  public static String errorLine(String stderr) {
    List<String> errors = errorLines(stderr);
    assertThat(errors).as(stderr).hasSize(1);
    return errors.get(0);
  }

  private static String check(String what, int status, long started, String err) {
    long ms = (System.nanoTime() - started) / 1_000_000;
    System.err.println(what + ": exit " + status + " after " + ms + " ms: " + errorLines(err));
    assertThat(status).as(err).isEqualTo(1);
    assertThat(ms).as(err).isLessThan(30_000);
    assertThat(err).doesNotContain("\tat ");
    return errorLine(err);
  }

  private static List<String> errorLines(String err) {
    return err.lines().filter(l -> l.startsWith("error: ")).toList();
  }
}
