package io.github.kswordcount.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Medians, ratios and the number formats of the report. */
final class Stats {

  private Stats() {}

  /**
   * The median: the middle value, or the mean of the two middle values of an even count.
   *
   * @param values at least one value, in any order
   * @return the median
   */
  static double median(List<? extends Number> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("the median of no values");
    }
    double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /**
   * The median of whole numbers, rounded half up.
   *
   * @param values at least one value
   * @return the rounded median
   */
  static long medianLong(long[] values) {
    return Math.round(median(Arrays.stream(values).boxed().toList()));
  }

  /**
   * A ratio as the report prints it: two decimals and an {@code x}, e.g. {@code 1.47x}.
   *
   * @param ratio the ratio
   * @return the text, or {@code n/a} when it is not a finite number
   */
  static String ratio(double ratio) {
    return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "n/a";
  }

  /**
   * A whole number with thousands separators, e.g. {@code 657,000}.
   *
   * @param value the value, rounded to the nearest whole number
   * @return the text
   */
  static String grouped(double value) {
    return String.format(Locale.ROOT, "%,d", Math.round(value));
  }

  /**
   * A rate rounded to three significant digits with thousands separators, e.g. {@code 657,000}: more digits than
   * the run-to-run spread would be noise.
   *
   * @param perSecond the rate
   * @return the text
   */
  static String rate(double perSecond) {
    if (!Double.isFinite(perSecond) || perSecond <= 0) {
      return "n/a";
    }
    double scale = Math.pow(10, Math.max(0, Math.floor(Math.log10(perSecond)) - 2));
    return grouped(Math.round(perSecond / scale) * scale);
  }

  /**
   * Seconds with two decimals, e.g. {@code 3.18 s}.
   *
   * @param nanos a duration in nanoseconds
   * @return the text
   */
  static String seconds(double nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  /**
   * Resident memory in megabytes (MiB), e.g. {@code 312 MB}.
   *
   * @param kilobytes the size in KiB, as {@code /proc} gives it; 0 or less when unknown
   * @return the text, or {@code n/a}
   */
  static String megabytes(double kilobytes) {
    return kilobytes <= 0 ? "n/a" : String.format(Locale.ROOT, "%,d MB", Math.round(kilobytes / 1024));
  }
}
