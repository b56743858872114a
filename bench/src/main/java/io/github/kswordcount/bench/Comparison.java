package io.github.kswordcount.bench;

import java.util.List;

/**
 * One row of the table: ours and the alternative run alternately, and the ceiling on the same broker.
 *
 * @param what the row's first column
 * @param chartLabel its short name on the charts
 * @param metric what each sample's value is
 * @param records the records each run handled
 * @param oursName our side, e.g. {@code producer-cli}
 * @param ours our runs, in order
 * @param theirsName the alternative, e.g. {@code Kafka's ConsoleProducer}
 * @param theirs its runs, in order
 * @param ceiling Kafka's performance tool for this row
 */
record Comparison(String what, String chartLabel, Metric metric, long records, String oursName, List<Sample> ours,
    String theirsName, List<Sample> theirs, Ceiling ceiling) {

  double oursMedian() {
    return Stats.median(ours.stream().map(Sample::value).toList());
  }

  double theirsMedian() {
    return Stats.median(theirs.stream().map(Sample::value).toList());
  }

  /** How many times faster ours is, from the medians. */
  double ratio() {
    return metric.ratio(oursMedian(), theirsMedian());
  }

  /**
   * How many times faster ours is in each round (ours #i against theirs #i, which ran right after it): noise that
   * hits one round hits both sides, so the range of these says whether the ratio holds run after run.
   */
  List<Double> roundRatios() {
    return java.util.stream.IntStream.range(0, Math.min(ours.size(), theirs.size()))
        .mapToObj(i -> metric.ratio(ours.get(i).value(), theirs.get(i).value())).toList();
  }

  /** The smallest of the rounds' ratios (NaN without rounds). */
  double minRatio() {
    return roundRatios().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  /** The largest of the rounds' ratios (NaN without rounds). */
  double maxRatio() {
    return roundRatios().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** Our median rate as a share of the ceiling's, e.g. 0.55. */
  double oursShareOfCeiling() {
    return oursRate() / ceiling.rate();
  }

  double oursRate() {
    return metric.rate(oursMedian(), records);
  }

  double theirsRate() {
    return metric.rate(theirsMedian(), records);
  }

  /** The median of our runs' peak resident sets, KiB (-1 when none was read). */
  long oursRssKb() {
    return medianRss(ours);
  }

  long theirsRssKb() {
    return medianRss(theirs);
  }

  private static long medianRss(List<Sample> samples) {
    long[] peaks = samples.stream().mapToLong(Sample::peakRssKb).filter(kb -> kb > 0).toArray();
    return peaks.length == 0 ? -1 : Stats.medianLong(peaks);
  }
}
