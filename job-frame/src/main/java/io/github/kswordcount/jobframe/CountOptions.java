package io.github.kswordcount.jobframe;

import com.beust.jcommander.Parameter;
import io.github.kswordcount.consolekit.UsageException;
import io.github.kswordcount.core.text.Tokenizer;
import io.github.kswordcount.core.text.Tokenizers;
import io.github.kswordcount.core.text.ValueExtractor;

/** What both jobs count and where the counts go: tokenizer, value field, windows or totals, printing, output topic. */
public final class CountOptions {

  @Parameter(names = "--tokenizer", description = "whitespace (runs of non-whitespace, case kept) or words "
      + "(letters, digits and marks, lowercased)")
  private String tokenizer = "whitespace";

  @Parameter(names = "--lowercase", description = "Lowercase every word (Locale.ROOT)")
  private boolean lowercase;

  @Parameter(names = "--json-field", description = "Count the text of this top-level field of JSON values "
      + "(default: the whole value as UTF-8)")
  private String jsonField;

  @Parameter(names = "--print", description = "Words to print per batch, in DStream.print() layout; 0 prints nothing")
  private int print = 10;

  @Parameter(names = "--window", description = "Count over a sliding window of this many seconds (a multiple of the batch)")
  private Integer windowSeconds;

  @Parameter(names = "--slide", description = "Seconds between windows (default: the batch interval); needs --window")
  private Integer slideSeconds;

  @Parameter(names = "--running-totals", description = "Keep a total per word across batches; needs --checkpoint-dir")
  private boolean runningTotals;

  @Parameter(names = "--output-topic", description = "Also write each batch's counts to this topic: key = word, "
      + "value = count as decimal text (the running total with --running-totals)")
  private String outputTopic;

  /**
   * Applies the cross-option rules.
   *
   * @param batchSeconds the batch interval, which windows must be multiples of
   * @param checkpointDir the checkpoint directory, or {@code null}
   * @return the validated settings
   * @throws UsageException naming the bad option and the rule
   */
  public CountSettings toSettings(double batchSeconds, String checkpointDir) {
    Tokenizer chosen;
    try {
      chosen = Tokenizers.byName(tokenizer, lowercase);
    } catch (IllegalArgumentException e) {
      throw UsageException.withUsage("--tokenizer " + e.getMessage());
    }
    if (print < 0) {
      throw UsageException.withUsage("--print '" + print + "' is invalid: use a number >= 0");
    }
    if (slideSeconds != null && windowSeconds == null) {
      throw UsageException.withUsage("--slide needs --window");
    }
    if (windowSeconds != null && runningTotals) {
      throw UsageException.withUsage("--window and --running-totals exclude each other");
    }
    if (runningTotals && checkpointDir == null) {
      throw UsageException.withUsage("--running-totals needs --checkpoint-dir (the totals live in Spark's checkpoints)");
    }
    long batchMs = Math.round(batchSeconds * 1000);
    long windowMs = windowSeconds == null ? 0 : windowSeconds * 1000L;
    long slideMs = slideSeconds == null ? batchMs : slideSeconds * 1000L;
    if (windowSeconds != null) {
      requireMultiple("--window", windowSeconds, windowMs, batchMs);
      requireMultiple("--slide", slideSeconds == null ? 0 : slideSeconds, slideMs, batchMs);
    }
    if (outputTopic != null && outputTopic.isBlank()) {
      throw UsageException.withUsage("--output-topic must not be empty");
    }
    ValueExtractor extractor = jsonField == null ? ValueExtractor.utf8() : ValueExtractor.jsonField(jsonField);
    return new CountSettings(chosen, extractor, print, windowMs, slideMs, runningTotals, outputTopic);
  }

  private static void requireMultiple(String option, int seconds, long ms, long batchMs) {
    if (ms <= 0 || ms % batchMs != 0) {
      throw UsageException.withUsage(option + " '" + seconds + "' is invalid: use a positive multiple of the batch interval ("
          + batchMs + " ms)");
    }
  }
}
