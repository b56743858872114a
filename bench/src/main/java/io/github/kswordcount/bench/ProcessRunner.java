package io.github.kswordcount.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the benchmark's child processes one at a time: timed from just before the start to the exit, the peak
 * resident set read every 50 ms, and killed once past a deadline.
 */
final class ProcessRunner {

  /** How often {@code VmHWM} is read; the last read before the exit is the peak reported. */
  static final long SAMPLE_MS = 50;

  private final Path logDir;
  private int started;

  ProcessRunner(Path logDir) {
    this.logDir = logDir;
  }

  /**
   * Runs a command to its end.
   *
   * @param label what runs, for files and messages
   * @param command the command line
   * @param stdin a file for standard input, or {@code null} for none
   * @param countLines whether to read stdout through a pipe counting its lines (a consumer's output) instead of
   *     writing it to a file
   * @param timeout after this the process is killed and the run fails
   * @return the finished run, whatever its exit status
   */
  ChildRun run(String label, List<String> command, Path stdin, boolean countLines, Duration timeout) {
    String name = String.format(Locale.ROOT, "%02d-%s", ++started, label.replaceAll("[^A-Za-z0-9.-]+", "_"));
    Path out = logDir.resolve(name + ".out");
    Path err = logDir.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile())
        .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
            : ProcessBuilder.Redirect.from(stdin.toFile()));
    builder.redirectOutput(countLines ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.to(out.toFile()));
    long start = System.nanoTime();
    Process process;
    try {
      Files.createDirectories(logDir);
      process = builder.start();
    } catch (IOException e) {
      throw new BenchFailure("cannot start " + label + " (" + command.get(0) + "): " + e.getMessage(), e);
    }
    CompletableFuture<Long> lines = countLines ? CompletableFuture.supplyAsync(() -> countLines(process))
        : CompletableFuture.completedFuture(-1L);
    long peak = -1;
    try {
      long deadline = start + timeout.toNanos();
      while (true) {
        peak = Math.max(peak, PeakRss.kilobytes(process.pid()));
        if (process.waitFor(SAMPLE_MS, TimeUnit.MILLISECONDS)) {
          break;
        }
        if (System.nanoTime() - deadline > 0) {
          kill(process);
          throw new BenchFailure(label + " did not finish within " + timeout.toSeconds() + " s and was killed; "
              + "its stderr (" + err + "): " + new ChildRun(label, -1, 0, peak, -1, out, err).stderrTail());
        }
      }
      long wall = System.nanoTime() - start;
      long counted = lines.get(30, TimeUnit.SECONDS);
      return new ChildRun(label, process.exitValue(), wall, peak, counted, countLines ? null : out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process);
      throw new BenchFailure("interrupted while " + label + " ran", e);
    } catch (ExecutionException | TimeoutException e) {
      kill(process);
      throw new BenchFailure("cannot read the output of " + label + ": " + e, e);
    } finally {
      if (process.isAlive()) {
        kill(process);
      }
    }
  }

  /** Counts newlines on the process's stdout, as {@code wc -l} would, until it closes. */
  private static long countLines(Process process) {
    byte[] buffer = new byte[1 << 16];
    long lines = 0;
    try (InputStream in = process.getInputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /**
   * Kills a process for good and waits (a bounded time) until it is gone.
   *
   * @param process the process
   */
  static void kill(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
