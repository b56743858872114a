package io.github.kswordcount.core.internal.receiver;

/**
 * Paces a receiver to a number of records per second, shared by its consumer threads. The receiver needs
 * its own: Spark's {@code spark.streaming.receiver.maxRate} and backpressure only pace single-record
 * {@code store} calls, not the multi-record ones a reliable receiver uses.
 */
final class RateLimiter {
  private long nextFreeNanos = System.nanoTime();

  /**
   * Reserves room for {@code records} more records under {@code perSecond}.
   *
   * @param records records about to be stored
   * @param perSecond the current limit; {@code Long.MAX_VALUE} or less than 1 for none
   * @return how many nanoseconds to wait before storing them, 0 for none
   */
  long reserve(int records, long perSecond) {
    if (perSecond < 1 || perSecond == Long.MAX_VALUE) {
      return 0;
    }
    synchronized (this) {
      long now = System.nanoTime();
      // Unused time does not pile up into a burst: start from now at the earliest.
      long start = Math.max(nextFreeNanos, now);
      nextFreeNanos = start + records * 1_000_000_000L / perSecond;
      return start - now;
    }
  }
}
