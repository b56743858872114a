package io.github.kswordcount.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A fat jar run as its own process ({@code java -jar}), as a user runs it: stdout and stderr go to files
 * the test reads; {@link #close()} kills it if it still runs, so no test leaves a process behind.
 */
public final class AppProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private AppProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code java -jar jar args...} with the JVM running the test.
   *
   * @param jar the fat jar
   * @param dir a directory for the output files
   * @param args the arguments
   * @return the running process
   * @throws IOException when it cannot start
   */
  public static AppProcess start(Path jar, Path dir, String... args) throws IOException {
    return start(List.of("-Xmx1g"), jar, dir, args);
  }

  /**
   * Starts {@code java jvmOptions... -jar jar args...} with the JVM running the test.
   *
   * @param jvmOptions the JVM's options, in place of the default {@code -Xmx1g}: e.g. {@code -Xmx768m}
   * @param jar the fat jar
   * @param dir a directory for the output files
   * @param args the arguments
   * @return the running process
   * @throws IOException when it cannot start
   */
  public static AppProcess start(List<String> jvmOptions, Path jar, Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.addAll(List.of(args));
    Files.createDirectories(dir);
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new AppProcess(process, out, err);
  }

  /**
   * Waits until a line of stderr satisfies {@code condition}, or fails with what stderr holds.
   *
   * @param description what is awaited, for the failure message
   * @param timeout how long to wait
   * @param condition the condition on the lines so far
   * @return the lines of stderr when it held
   */
  public List<String> awaitStderr(String description, Duration timeout, Predicate<List<String>> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> lines = stderrLines();
      if (condition.test(lines)) {
        return lines;
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no " + description + " (alive=" + process.isAlive() + "); stderr:\n"
            + String.join("\n", lines));
      }
      try {
        process.waitFor(100, TimeUnit.MILLISECONDS); // wakes early when the process ends
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /**
   * Waits for the process to end.
   *
   * @param timeout how long to wait
   * @return its exit status
   */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("still running after " + timeout + "; stderr:\n" + String.join("\n", stderrLines()));
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Sends SIGKILL and waits for the process to be gone. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** Sends SIGTERM (a graceful stop request). */
  public void terminate() {
    process.destroy();
  }

  /**
   * What the process wrote to stdout so far.
   *
   * @return the text, decoded as UTF-8
   */
  public String stdout() {
    return read(stdout);
  }

  /**
   * The lines the process wrote to stderr so far.
   *
   * @return the lines
   */
  public List<String> stderrLines() {
    return read(stderr).lines().toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
