package io.github.kswordcount.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToIntBiFunction;

/**
 * A job's stderr held in memory, for tests that run a job in this JVM through its {@code run(String[], PrintStream)}
 * (what each app's {@code main} calls with {@code System.err}). Safe to read while the job writes from its threads.
 *
 * <pre>{@code
 * CapturedErr err = new CapturedErr();
 * int status = err.run(DirectApp::run, JobArgs.local(kafka.bootstrapServers(), "--topic", "in"));
 * List<String> stderr = err.lines();
 * }</pre>
 */
public final class CapturedErr {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  /**
   * Runs a job with these arguments, its stderr written here; returns when the job does.
   *
   * @param job the job's {@code run}, e.g. {@code DirectApp::run}
   * @param args its command line, exactly as given
   * @return its exit status
   */
  public int run(ToIntBiFunction<String[], PrintStream> job, String... args) {
    return job.applyAsInt(args, stream);
  }

  /**
   * What was written so far.
   *
   * @return the text, decoded as UTF-8
   */
  public String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * The lines written so far.
   *
   * @return the lines of {@link #text()}
   */
  public List<String> lines() {
    return text().lines().toList();
  }

  /** Forgets what was written so far, so that the next run's lines stand alone. */
  public void reset() {
    bytes.reset();
  }
}
