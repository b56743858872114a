package io.github.kswordcount.localkafka;

import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/** Waits for a condition in a test: polls it until it holds, and fails with its description at a deadline. */
public final class Await {
  private static final long POLL_MILLIS = 50;

  private Await() {
  }

  /**
   * Polls {@code condition} every 50 ms until it returns true.
   *
   * <pre>{@code
   * Await.until("3 records consumed", Duration.ofSeconds(30), () -> records.size() == 3);
   * }</pre>
   *
   * @param description what is awaited, for the failure message
   * @param timeout     how long to keep polling
   * @param condition   the condition; an exception it throws fails the wait at once
   * @throws AssertionError when the timeout passes first
   */
  public static void until(String description, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(String.format(Locale.ROOT,
            "timed out after %d ms waiting for %s", timeout.toMillis(), description));
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + description, e);
      }
    }
  }
}
