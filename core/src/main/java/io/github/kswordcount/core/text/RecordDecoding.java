package io.github.kswordcount.core.text;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Counts what value extraction could not take as it came: tombstones and values without the JSON field
 * (skipped), and values that were not valid UTF-8 (decoded with U+FFFD replacement). Backed by Spark
 * accumulators, so executors add and the driver reads.
 */
public final class RecordDecoding implements Serializable {
  private static final long serialVersionUID = 1L;

  private static RecordDecoding shared;
  private static SparkContext sharedContext;

  private final LongAccumulator skipped;
  private final LongAccumulator replaced;

  private RecordDecoding(LongAccumulator skipped, LongAccumulator replaced) {
    this.skipped = skipped;
    this.replaced = replaced;
  }

  /**
   * Registers the two accumulators with the given Spark context, named {@code records.skipped} and
   * {@code records.replaced} (visible in the Spark UI).
   *
   * @param sc the Spark context of the job
   * @return counters to hand to {@link ValueExtractor#extract}
   */
  public static RecordDecoding register(SparkContext sc) {
    return new RecordDecoding(sc.longAccumulator("records.skipped"), sc.longAccumulator("records.replaced"));
  }

  /**
   * The counters of a Spark context, registered on first use. Jobs restarted from a checkpoint must use
   * this rather than counters captured in closures: Spark cannot recover accumulators from checkpoints.
   *
   * @param sc the Spark context
   * @return the context's counters
   */
  public static synchronized RecordDecoding forContext(SparkContext sc) {
    if (shared == null || sharedContext != sc) {
      shared = register(sc);
      sharedContext = sc;
    }
    return shared;
  }

  /**
   * Counters not registered with any Spark context: for tests and code that runs outside Spark jobs.
   *
   * @return fresh counters at zero
   */
  public static RecordDecoding detached() {
    return new RecordDecoding(new LongAccumulator(), new LongAccumulator());
  }

  /**
   * Records without text to count so far: null values, and (for a JSON field) values without it.
   *
   * @return the count, as seen on the driver
   */
  public long skipped() {
    return skipped.value();
  }

  /**
   * Records whose bytes were not valid UTF-8 and were decoded with U+FFFD in place of the bad bytes.
   *
   * @return the count, as seen on the driver
   */
  public long replaced() {
    return replaced.value();
  }

  static void countSkipped(RecordDecoding decoding) {
    if (decoding != null) {
      decoding.skipped.add(1L);
    }
  }

  static void countReplaced(RecordDecoding decoding) {
    if (decoding != null) {
      decoding.replaced.add(1L);
    }
  }

  @Override
  public String toString() {
    return "skipped=" + skipped() + " replaced=" + replaced();
  }
}
