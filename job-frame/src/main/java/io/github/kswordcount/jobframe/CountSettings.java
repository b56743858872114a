package io.github.kswordcount.jobframe;

import io.github.kswordcount.core.Counting;
import io.github.kswordcount.core.text.Tokenizer;
import io.github.kswordcount.core.text.ValueExtractor;
import java.time.Duration;

/**
 * The validated counting and output settings of a job.
 *
 * @param tokenizer splits lines into words
 * @param extractor takes the text from a record value
 * @param print words printed per batch, 0 for none
 * @param windowMs the window length, 0 for per-batch counts
 * @param slideMs the window slide
 * @param runningTotals whether totals are kept across batches
 * @param outputTopic the topic counts are written to, or {@code null}
 */
public record CountSettings(
    Tokenizer tokenizer, ValueExtractor extractor, int print, long windowMs, long slideMs,
    boolean runningTotals, String outputTopic) {

  /**
   * Whether counts are computed over windows.
   *
   * @return {@code true} with {@code --window}
   */
  public boolean windowed() {
    return windowMs > 0;
  }

  /**
   * The counting these settings ask for: per batch, windowed or running totals.
   *
   * @return the counting
   */
  public Counting counting() {
    if (windowed()) {
      return Counting.windowed(Duration.ofMillis(windowMs), Duration.ofMillis(slideMs));
    }
    return runningTotals ? Counting.runningTotals() : Counting.perBatch();
  }
}
