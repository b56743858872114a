package io.github.kswordcount.localkafka;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A point in time that start-up and topic waits must not pass; waits poll a condition, never sleep blindly. */
final class Deadline {
  private static final long POLL_MILLIS = 50;

  private final long endNanos;
  private final Duration total;

  private Deadline(Duration total) {
    this.total = total;
    this.endNanos = System.nanoTime() + total.toNanos();
  }

  static Deadline after(Duration total) {
    return new Deadline(total);
  }

  long remainingMillis() {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime()));
  }

  /** "60 s": the whole budget, for messages. */
  String totalText() {
    return String.format(Locale.ROOT, "%d s", total.toSeconds());
  }

  /**
   * Polls {@code condition} until it holds.
   *
   * @param what describes the awaited state, e.g. "3 brokers to register"
   * @throws LocalKafkaException when the deadline passes first
   */
  void await(String what, BooleanSupplier condition) {
    while (!condition.getAsBoolean()) {
      if (remainingMillis() == 0) {
        throw new LocalKafkaException("timed out after " + totalText() + " waiting for " + what);
      }
      try {
        Thread.sleep(Math.min(POLL_MILLIS, remainingMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LocalKafkaException("interrupted while waiting for " + what, e);
      }
    }
  }
}
