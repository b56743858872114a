package io.github.kswordcount.core.receiver;

/**
 * Paces a receiver to a number of records per second, shared by its consumer threads. The receiver needs
 * its own: Spark's {@code spark.streaming.receiver.maxRate} and backpressure only pace single-record
 * {@code store} calls, not the multi-record ones a reliable receiver uses.
 */
final class RateLimiter {
  private long nextFreeNanos = System.nanoTime();

  /**
   * Waits until {@code records} more records fit under {@code perSecond}.
   *
   * @param records records about to be stored
   * @param perSecond the current limit; {@code Long.MAX_VALUE} or less than 1 for none
   * @throws InterruptedException when interrupted while waiting
   */
  void acquire(int records, long perSecond) throws InterruptedException {
    if (perSecond < 1 || perSecond == Long.MAX_VALUE) {
      return;
    }
    long waitNanos;
    synchronized (this) {
      long now = System.nanoTime();
      // Unused time does not pile up into a burst: start from now at the earliest.
      long start = Math.max(nextFreeNanos, now);
      nextFreeNanos = start + records * 1_000_000_000L / perSecond;
      waitNanos = start - now;
    }
    if (waitNanos > 0) {
      Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
    }
  }
}
