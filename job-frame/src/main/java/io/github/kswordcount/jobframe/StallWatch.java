package io.github.kswordcount.jobframe;

import io.github.kswordcount.clientkit.PartitionHealth;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Says why a batch is stalled instead of leaving the job silent: while one batch has run for longer than
 * {@code max(min(10 s, a third of --kafka-timeout-seconds), the batch interval)}, every such interval a line on
 * stderr names what Kafka shows, e.g.
 *
 * <pre>
 * stalled batch time=1796290182000 running_ms=10012 cause=NOT_ENOUGH_REPLICAS: partition counts-0 has 1
 *   in-sync replica(s), min.insync.replicas is 2, and acks=all needs that many (check that the topic's brokers
 *   are running)
 * </pre>
 *
 * <p>(one line). Kafka's clients retry such refusals without a word (the producer until its delivery timeout, the
 * group coordinator's commits until theirs); the output's and the commit's own bounds end the run later with one
 * {@code error:} line. When Kafka shows no cause, the line says the batch is slow, not why.
 */
final class StallWatch implements AutoCloseable {
  private static final Duration AT_MOST = Duration.ofSeconds(10);

  private final BatchProgress progress;
  private final KafkaSource source;
  private final List<String> written;
  private final PrintStream err;
  private final long afterMs;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "stall-watch");
    thread.setDaemon(true);
    return thread;
  });
  private long reportedAtMs = -1;

  private StallWatch(BatchProgress progress, KafkaSource source, List<String> written, PrintStream err, long batchMs,
      Duration kafkaTimeout) {
    this.progress = progress;
    this.source = source;
    this.written = List.copyOf(written);
    this.err = err;
    // Before the output's or the commit's bound ends the run: a third of it, so the line comes while it waits.
    this.afterMs = Math.max(Math.min(AT_MOST.toMillis(), kafkaTimeout.toMillis() / 3), batchMs);
  }

  /**
   * Starts watching a job's batches.
   *
   * @param progress the job's progress, which knows the running batch
   * @param plan the job's settings: the topics it reads and writes
   * @param err where the lines go
   * @return the watch, to close when the job has stopped
   */
  static StallWatch start(BatchProgress progress, JobPlan plan, PrintStream err) {
    StallWatch watch = new StallWatch(progress, plan.source(), plan.writtenTopics(), err, plan.job().batchMs(),
        plan.job().kafkaTimeoutOrDefault());
    watch.timer.scheduleWithFixedDelay(watch::check, 1, 1, TimeUnit.SECONDS);
    return watch;
  }

  private void check() {
    long[] running = progress.runningBatch();
    // After a failure the error line has said why; the batches Spark still finishes while stopping are refused.
    if (running == null || running[1] < afterMs || progress.failure() != null) {
      reportedAtMs = -1;
      return;
    }
    if (reportedAtMs >= 0 && running[1] - reportedAtMs < afterMs) {
      return;
    }
    reportedAtMs = running[1];
    Optional<String> cause = cause();
    String line = (cause.isPresent() ? "stalled" : "slow") + " batch time=" + running[0] + " running_ms=" + running[1]
        + cause.map(c -> " cause=" + c).orElse(" (Kafka shows no cause: every partition read has a leader, every "
            + "partition written has its in-sync replicas)");
    // Asking Kafka takes a while: the batch may have failed meanwhile, and its error line is the last word.
    // StreamingRun prints that line holding the same lock, after the failure is set.
    synchronized (err) {
      long[] now = progress.runningBatch();
      if (progress.failure() == null && now != null && now[0] == running[0]) {
        err.println(line);
      }
    }
  }

  private Optional<String> cause() {
    try (Admin admin = Admin.create(PartitionHealth.adminConfig(source.consumerParams()))) {
      List<String> read = source.topics().resolve(admin, PartitionHealth.TIMEOUT);
      return PartitionHealth.explain(admin, read, written, partition -> true);
    } catch (TimeoutException | RuntimeException e) {
      return Optional.of("Kafka at " + source.bootstrapServers() + " did not answer within "
          + PartitionHealth.TIMEOUT.toSeconds() + " s (is a broker running there?)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
