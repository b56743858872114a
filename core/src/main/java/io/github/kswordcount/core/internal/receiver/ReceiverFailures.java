package io.github.kswordcount.core.internal.receiver;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.apache.spark.streaming.scheduler.ReceiverInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverStopped;

/**
 * Gives up on a receiver that fails start after start for a cause no restart cures: its static identity
 * fenced by another consumer (the classic protocol) or refused because another member holds it
 * ({@code group.protocol=consumer}, KIP-848), authorization or authentication refused. Spark restarts a failed receiver
 * forever; this driver-side listener reads the reason of each restart and, at the third in a row with the
 * same fatal cause, hands the failure to the job to end it.
 */
final class ReceiverFailures implements StreamingListener {
  /** Marks a restart reason as fatal; the receiver puts it before the cause. */
  static final String FATAL = "fatal: ";

  private static final String UNRELEASED = UnreleasedInstanceIdException.class.getSimpleName();

  private final int limit;
  private final Consumer<RuntimeException> giveUp;
  private final LongSupplier nanoClock;
  private final Supplier<Duration> unreleasedGrace;
  private Duration grace;
  private final Map<Integer, String> lastKind = new HashMap<>();
  private final Map<Integer, Integer> inARow = new HashMap<>();
  private final Map<Integer, Long> firstAt = new HashMap<>();
  private final Set<Integer> givenUp = new HashSet<>();

  /**
   * @param limit the restarts in a row for one fatal cause that end the job
   * @param giveUp ends the job with the failure
   * @param nanoClock the time, in nanoseconds
   * @param unreleasedGrace how long an instance id another member holds is waited for (KIP-848's refusal), beyond
   *     the restarts: a member that crashed keeps its id until its session times out, and a receiver restarted after
   *     a crash meets that refusal as a twin would; asked once, at the first refusal
   */
  ReceiverFailures(int limit, Consumer<RuntimeException> giveUp, LongSupplier nanoClock,
      Supplier<Duration> unreleasedGrace) {
    this.limit = limit;
    this.giveUp = giveUp;
    this.nanoClock = nanoClock;
    this.unreleasedGrace = unreleasedGrace;
  }

  /**
   * The cause no restart cures in a failure's chain: a fenced static identity, one another member holds, refused
   * authorization or authentication.
   *
   * @param e the failure
   * @return that cause, or {@code null} when a restart may help
   */
  static Throwable fatalCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FencedInstanceIdException || t instanceof UnreleasedInstanceIdException
          || t instanceof AuthorizationException
          || t instanceof AuthenticationException) {
        return t;
      }
    }
    return null;
  }

  /** A receiver stopped to restart carries its reason; a stop the job asked for carries no error. */
  @Override
  public synchronized void onReceiverStopped(StreamingListenerReceiverStopped stopped) {
    ReceiverInfo info = stopped.receiverInfo();
    if (info.lastError() == null || info.lastError().isEmpty()) {
      return;
    }
    int stream = info.streamId();
    String message = info.lastErrorMessage() == null ? "" : info.lastErrorMessage();
    int at = message.indexOf(FATAL);
    if (at < 0) {
      lastKind.remove(stream);
      inARow.remove(stream);
      firstAt.remove(stream);
      givenUp.remove(stream);
      return;
    }
    String cause = message.substring(at + FATAL.length());
    // The same cause by its exception's name: Kafka's text may differ per start (a refused static member is named
    // by the member id of each new consumer).
    String kind = cause.substring(0, Math.max(0, cause.indexOf(": ")));
    int count = kind.equals(lastKind.get(stream)) ? inARow.get(stream) + 1 : 1;
    lastKind.put(stream, kind);
    inARow.put(stream, count);
    long now = nanoClock.getAsLong();
    if (count == 1) {
      firstAt.put(stream, now);
      givenUp.remove(stream);
    }
    boolean unreleased = kind.equals(UNRELEASED);
    if (unreleased && grace == null) {
      grace = unreleasedGrace.get();
    }
    boolean waited = !unreleased || now - firstAt.get(stream) >= grace.toNanos();
    if (count >= limit && waited && givenUp.add(stream)) {
      giveUp.accept(new IllegalStateException("receiver " + stream + " gave up after " + count
          + " failed starts in a row" + (unreleased ? " over " + grace.toSeconds() + " s" : "") + ": " + cause));
    }
  }
}
