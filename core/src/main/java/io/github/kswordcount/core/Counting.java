package io.github.kswordcount.core;

import io.github.kswordcount.core.internal.count.CountPipeline;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import org.apache.spark.streaming.api.java.JavaPairDStream;

/**
 * What a word count emits each batch: the batch's own counts, a sliding window's, or running totals.
 *
 * <pre>{@code
 * Counting.perBatch()                                            // the lab's counts
 * Counting.windowed(Duration.ofSeconds(30), Duration.ofSeconds(10))
 * Counting.runningTotals()                                       // needs a checkpoint directory
 * }</pre>
 */
public final class Counting implements Serializable {
  private static final long serialVersionUID = 1L;

  private enum Kind { PER_BATCH, WINDOWED, RUNNING_TOTALS }

  private final Kind kind;
  private final long windowMs;
  private final long slideMs;

  private Counting(Kind kind, long windowMs, long slideMs) {
    this.kind = kind;
    this.windowMs = windowMs;
    this.slideMs = slideMs;
  }

  /**
   * Each batch's own counts.
   *
   * @return the counting
   */
  public static Counting perBatch() {
    return new Counting(Kind.PER_BATCH, 0, 0);
  }

  /**
   * The counts of the last {@code window}, emitted every {@code slide}; both multiples of the batch interval.
   *
   * @param window the window's length
   * @param slide how often a window ends
   * @return the counting
   * @throws IllegalArgumentException when either is not positive or the slide is longer than the window
   */
  public static Counting windowed(Duration window, Duration slide) {
    if (window.toMillis() <= 0 || slide.toMillis() <= 0 || slide.compareTo(window) > 0) {
      throw new IllegalArgumentException("window " + window + " and slide " + slide
          + " are invalid: both positive, the slide at most the window");
    }
    return new Counting(Kind.WINDOWED, window.toMillis(), slide.toMillis());
  }

  /**
   * A total per word across batches, kept in Spark's state (the run needs a checkpoint directory); each batch
   * emits the totals of the words it saw.
   *
   * @return the counting
   */
  public static Counting runningTotals() {
    return new Counting(Kind.RUNNING_TOTALS, 0, 0);
  }

  boolean isWindowed() {
    return kind == Kind.WINDOWED;
  }

  boolean needsCheckpoint() {
    return kind == Kind.RUNNING_TOTALS;
  }

  long windowMs() {
    return windowMs;
  }

  long slideMs() {
    return slideMs;
  }

  CountPipeline pipeline(JavaPairDStream<String, Long> batchCounts) {
    return switch (kind) {
      case PER_BATCH -> CountPipeline.perBatch(batchCounts);
      case WINDOWED -> CountPipeline.windowed(batchCounts, new org.apache.spark.streaming.Duration(windowMs),
          new org.apache.spark.streaming.Duration(slideMs));
      case RUNNING_TOTALS -> CountPipeline.runningTotals(batchCounts);
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case PER_BATCH -> "per batch";
      case WINDOWED -> String.format(Locale.ROOT, "windowed %d ms every %d ms", windowMs, slideMs);
      case RUNNING_TOTALS -> "running totals";
    };
  }
}
