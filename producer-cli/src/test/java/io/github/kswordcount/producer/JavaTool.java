package io.github.kswordcount.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A console tool run as its own JVM, so that its {@code System.exit} ends only itself: ours from the fat jar
 * ({@code target/producer-cli.jar}, built by {@code package} before failsafe runs), Kafka's from the test
 * class path. A run that outlives its deadline is killed.
 */
final class JavaTool {

  /** Kafka's console producer, the oracle. */
  static final JavaTool KAFKA = new JavaTool(List.of("-cp", testClassPath(), "kafka.tools.ConsoleProducer"));
  /** Ours, as users run it. */
  static final JavaTool OURS = new JavaTool(List.of("-jar", Path.of("target", "producer-cli.jar").toString()));

  /** Small, quick-starting JVMs: the machine has two cores and each case starts two tools. */
  private static final List<String> JVM_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-Dfile.encoding=UTF-8");

  private final List<String> launch;

  private JavaTool(List<String> launch) {
    this.launch = launch;
  }

  /** The outcome of a finished run. */
  record Result(int exitCode, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** The first line on stderr that is not SLF4J's note about the test class path's extra binding. */
    String firstErrorLine() {
      return stderr.lines().filter(line -> !line.startsWith("SLF4J")).findFirst().orElse("");
    }
  }

  /**
   * Runs to completion.
   *
   * @param stdin the bytes on standard input
   * @param timeout the deadline, after which the process is killed and the test fails
   * @param args the tool's arguments
   * @return exit code and output
   */
  Result run(byte[] stdin, Duration timeout, String... args) {
    try (Running running = start(stdin, args)) {
      return running.await(timeout);
    }
  }

  /**
   * Starts the tool; close the result to make sure it is gone.
   *
   * @param stdin bytes for standard input, or {@code null} for a pipe written through {@link Running#stdin()}
   * @param args the tool's arguments
   * @return the running process
   */
  Running start(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.addAll(launch);
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("tool-out", ".bin");
      Path err = Files.createTempFile("tool-err", ".txt");
      Path in = Files.createTempFile("tool-in", ".bin");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      if (stdin != null) {
        Files.write(in, stdin);
        builder.redirectInput(in.toFile());
      }
      return new Running(builder.start(), in, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A started tool; {@link #close()} kills it if it still runs. */
  static final class Running implements AutoCloseable {
    private final Process process;
    private final Path in;
    private final Path out;
    private final Path err;

    private Running(Process process, Path in, Path out, Path err) {
      this.process = process;
      this.in = in;
      this.out = out;
      this.err = err;
    }

    /** Its standard input, when started without bytes. */
    OutputStream stdin() {
      return process.getOutputStream();
    }

    Process process() {
      return process;
    }

    /** What it has written to stdout so far. */
    byte[] stdoutSoFar() {
      try {
        return Files.readAllBytes(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** What it has written to stderr so far. */
    String stderrSoFar() {
      try {
        return Files.readString(err, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Waits for the end; fails the test if it does not come in time. */
    Result await(Duration timeout) {
      try {
        boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(done).as("%s finished within %s; stdout so far: %s; stderr so far: %s",
            process.info().commandLine().orElse("tool"), timeout, new String(stdoutSoFar(), StandardCharsets.UTF_8),
            stderrSoFar()).isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return new Result(process.exitValue(), stdoutSoFar(), stderrSoFar());
    }

    @Override
    public void close() {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(in);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String testClassPath() {
    // Failsafe may hand the forked JVM a manifest-only jar; it names the real class path in this property.
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
