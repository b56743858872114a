package io.github.kswordcount.bench;

/** What a row measures, and so how its medians become a rate, a ratio and the table's text. */
enum Metric {
  /** Wall time of a process in nanoseconds, JVM start included; lower is better. */
  WALL_TIME,
  /** A job's processing time of its batches with records, in milliseconds; lower is better. */
  PROCESSING_TIME,
  /** Records per second; higher is better. */
  RATE;

  /**
   * Records per second of a value.
   *
   * @param value a value of this metric
   * @param records the records it took (for times)
   * @return the rate
   */
  double rate(double value, long records) {
    return switch (this) {
      case WALL_TIME -> records * 1e9 / value;
      case PROCESSING_TIME -> records * 1e3 / value;
      case RATE -> value;
    };
  }

  /**
   * How many times faster ours is: the alternative's time over ours, or our rate over the alternative's.
   *
   * @param ours our value
   * @param theirs the alternative's value
   * @return the ratio
   */
  double ratio(double ours, double theirs) {
    return this == RATE ? ours / theirs : theirs / ours;
  }

  /**
   * A value as the table prints it, e.g. {@code 3.18 s (314,000 lines/s)}.
   *
   * @param value a value of this metric
   * @param records the records it took
   * @return the text
   */
  String format(double value, long records) {
    return switch (this) {
      case WALL_TIME -> Stats.seconds(value) + " (" + Stats.rate(rate(value, records)) + " lines/s)";
      case PROCESSING_TIME -> Stats.grouped(value) + " ms (" + Stats.rate(rate(value, records)) + " lines/s)";
      case RATE -> Stats.rate(value) + " records/s";
    };
  }
}
