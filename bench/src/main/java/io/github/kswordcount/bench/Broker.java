package io.github.kswordcount.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one local-kafka broker of a benchmark, run from its fat jar: started, then ready once it prints
 * {@code Kafka is ready at HOST:PORT}; closed with SIGTERM (killed if it has not stopped 30 s later).
 */
final class Broker implements AutoCloseable {

  private static final String READY = "Kafka is ready at ";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final String bootstrapServers;

  private Broker(Process process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts the broker and waits for its ready line.
   *
   * @param command the broker's command line ({@link Commands#localKafka})
   * @param log where its stdout and stderr go
   * @param timeout how long to wait for the ready line; past it the broker is killed
   * @return the ready broker
   */
  static Broker start(List<String> command, Path log, Duration timeout) {
    Process process;
    try {
      Files.createDirectories(log.getParent());
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new BenchFailure("cannot start local-kafka: " + e.getMessage(), e);
    }
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> awaitReadyLine(process, log));
    try {
      String address = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (address == null) {
        ProcessRunner.kill(process);
        throw new BenchFailure("local-kafka exited before it was ready (exit " + process.exitValue() + "); its log: "
            + log);
      }
      return new Broker(process, address);
    } catch (TimeoutException e) {
      ProcessRunner.kill(process);
      throw new BenchFailure("local-kafka was not ready within " + timeout.toSeconds() + " s and was killed; its log: "
          + log, e);
    } catch (ExecutionException e) {
      ProcessRunner.kill(process);
      throw new BenchFailure("cannot read local-kafka's output: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessRunner.kill(process);
      throw new BenchFailure("interrupted while local-kafka started", e);
    }
  }

  /**
   * Copies the broker's output to the log until the ready line, then goes on copying in the background.
   *
   * @return the address of the ready line, or {@code null} when the output ended first
   */
  private static String awaitReadyLine(Process process, Path log) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      PrintStream copy = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        copy.println(line);
        if (line.startsWith(READY)) {
          Thread drain = new Thread(() -> drain(reader, copy), "local-kafka-log");
          drain.setDaemon(true);
          drain.start();
          return line.substring(READY.length()).split(" ")[0];
        }
      }
      copy.close();
      return null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void drain(BufferedReader reader, PrintStream copy) {
    try (reader; copy) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        copy.println(line);
      }
    } catch (IOException e) {
      // The broker is gone; its log has what it wrote.
    }
  }

  /**
   * The address clients connect to.
   *
   * @return {@code host:port}
   */
  String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The broker process, for its peak memory.
   *
   * @return the process
   */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        ProcessRunner.kill(process);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessRunner.kill(process);
    }
  }
}
