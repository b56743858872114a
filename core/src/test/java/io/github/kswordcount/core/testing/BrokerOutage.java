package io.github.kswordcount.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.internal.output.FaultPoint;
import io.github.kswordcount.localkafka.LocalKafka;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A one-node broker stopped at a named moment of a job run in this JVM ({@link FaultPoint.Moment}), from the job's
 * own thread, so the call that follows the moment is sent with the broker down. Either the broker starts again at
 * once, on its data dir, while the call waits (a restart within the job's Kafka timeout), or it stays down until
 * {@link #close()} (beyond the bound).
 *
 * <pre>{@code
 * try (BrokerOutage outage = BrokerOutage.restartAt(kafka, Moment.OFFSET_COMMIT)) {
 *   int status = err.run(DirectApp::run, args);
 * }
 * }</pre>
 */
public final class BrokerOutage implements AutoCloseable {
  /** A stack trace's line, or an exception's name starting a line. */
  private static final Pattern TRACE = Pattern.compile("\\s+at .*|(Caused by: )?[\\w.$]+(Exception|Error)(: .*)?");

  private final LocalKafka kafka;
  private final AutoCloseable action;
  private volatile long stoppedAt;
  private volatile long readyAt;
  private volatile CompletableFuture<Void> restart = CompletableFuture.completedFuture(null);

  private BrokerOutage(LocalKafka kafka, FaultPoint.Moment moment, boolean restartAtOnce, Runnable first) {
    this.kafka = kafka;
    this.action = FaultPoint.once(moment, () -> {
      first.run();
      stoppedAt = System.nanoTime();
      kafka.stopNode(0);
      if (restartAtOnce) {
        restart = CompletableFuture.runAsync(() -> {
          kafka.startNode(0);
          readyAt = System.nanoTime();
        });
      }
    });
  }

  /**
   * Stops node 0 at the moment and starts it again at once, from another thread, while the job's call waits.
   *
   * @param kafka a one-node broker in this JVM
   * @param moment when
   * @return the outage; close it after the run
   */
  public static BrokerOutage restartAt(LocalKafka kafka, FaultPoint.Moment moment) {
    return new BrokerOutage(kafka, moment, true, () -> { });
  }

  /**
   * As {@link #restartAt(LocalKafka, FaultPoint.Moment)}, running {@code first} at the moment before the stop (e.g.
   * asking the job to stop, so the outage falls in its graceful stop).
   *
   * @param kafka a one-node broker in this JVM
   * @param moment when
   * @param first what to do first, in the job's thread
   * @return the outage; close it after the run
   */
  public static BrokerOutage restartAt(LocalKafka kafka, FaultPoint.Moment moment, Runnable first) {
    return new BrokerOutage(kafka, moment, true, first);
  }

  /**
   * Stops node 0 at the moment and keeps it down until {@link #close()}.
   *
   * @param kafka a one-node broker in this JVM
   * @param moment when
   * @return the outage; close it after the run, which starts the broker again
   */
  public static BrokerOutage stopAt(LocalKafka kafka, FaultPoint.Moment moment) {
    return new BrokerOutage(kafka, moment, false, () -> { });
  }

  /**
   * As {@link #stopAt(LocalKafka, FaultPoint.Moment)}, running {@code first} at the moment before the stop.
   *
   * @param kafka a one-node broker in this JVM
   * @param moment when
   * @param first what to do first, in the job's thread
   * @return the outage; close it after the run, which starts the broker again
   */
  public static BrokerOutage stopAt(LocalKafka kafka, FaultPoint.Moment moment, Runnable first) {
    return new BrokerOutage(kafka, moment, false, first);
  }

  /**
   * Whether the job reached the moment.
   *
   * @return whether the broker was stopped there
   */
  public boolean happened() {
    return stoppedAt != 0;
  }

  /**
   * How long the broker was away, from the stop's start until it was ready again.
   *
   * @return milliseconds; 0 while it is not back
   */
  public long downMs() {
    return readyAt == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(readyAt - stoppedAt);
  }

  /**
   * Asserts how a job ends when Kafka stays away beyond its bound: exit 1, exactly one {@code error:} line, the last
   * line but the summary, and no stack trace or exception's name starting a line.
   *
   * @param exit the job's exit status
   * @param stderr its stderr lines
   * @return the error line
   */
  public static String assertOneErrorLine(int exit, List<String> stderr) {
    String all = String.join("\n", stderr);
    assertThat(exit).as(all).isEqualTo(1);
    List<String> errors = stderr.stream().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).as(all).hasSize(1);
    assertThat(stderr).as(all).noneMatch(l -> TRACE.matcher(l).matches());
    return errors.get(0);
  }

  /** Removes the action if it did not run, and brings the broker back if it is down. */
  @Override
  public void close() throws Exception {
    action.close();
    restart.get(90, TimeUnit.SECONDS);
    if (happened() && readyAt == 0) {
      kafka.startNode(0);
      readyAt = System.nanoTime();
    }
  }
}
