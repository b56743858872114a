package io.github.kswordcount.bench;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;

/**
 * The lab job's progress: one line per finished batch on stderr in direct-app's format
 * ({@code batch time=... records=... processing_ms=... delay_ms=... rate=.../s}), and the signal to stop once a
 * batch without records follows one with records (the backlog is counted).
 */
public final class LabProgress implements StreamingListener {

  private final PrintStream err;
  private final CountDownLatch backlogCounted = new CountDownLatch(1);
  private final long startNanos = System.nanoTime();
  private long batches;
  private long records;
  private boolean sawRecords;

  /**
   * A listener.
   *
   * @param err where the lines go
   */
  public LabProgress(PrintStream err) {
    this.err = err;
  }

  /**
   * Waits until a batch without records has followed one with records. The caller stops the context: Spark refuses
   * a stop from the listener's thread, or from any thread it starts.
   *
   * @param millis how long to wait at most
   * @return whether the backlog is counted
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitBacklogCounted(long millis) throws InterruptedException {
    return backlogCounted.await(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
    BatchInfo info = completed.batchInfo();
    long processingMs = millis(info.processingDelay());
    boolean counted;
    synchronized (this) {
      batches++;
      records += info.numRecords();
      counted = sawRecords && info.numRecords() == 0;
      sawRecords |= info.numRecords() > 0;
    }
    err.println(line(info.batchTime().milliseconds(), info.numRecords(), processingMs,
        millis(info.schedulingDelay())));
    if (counted) {
      backlogCounted.countDown();
    }
  }

  /**
   * A batch's progress line.
   *
   * @param time the batch time, ms
   * @param records its records
   * @param processingMs its processing time
   * @param delayMs its scheduling delay
   * @return e.g. {@code batch time=2000 records=10 processing_ms=5 delay_ms=1 rate=2000/s}
   */
  static String line(long time, long records, long processingMs, long delayMs) {
    return "batch time=" + time + " records=" + records + " processing_ms=" + processingMs + " delay_ms=" + delayMs
        + " rate=" + rate(records, processingMs) + "/s";
  }

  /**
   * The line printed at the end, e.g. {@code summary batches=3 records=1000 elapsed_ms=5100 rate=196/s}.
   *
   * @return the line
   */
  public synchronized String summary() {
    long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
    return "summary batches=" + batches + " records=" + records + " elapsed_ms=" + elapsedMs + " rate="
        + rate(records, elapsedMs) + "/s";
  }

  private static long rate(long count, long ms) {
    return ms <= 0 ? count : count * 1000 / ms;
  }

  private static long millis(scala.Option<Object> delay) {
    return delay.isDefined() ? (Long) delay.get() : 0L;
  }
}
