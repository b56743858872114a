package io.github.kswordcount.bench;

import java.util.List;

/**
 * What Kafka's own performance tool reaches on the same broker: the most a client of this broker can expect.
 *
 * @param name the tool, e.g. {@code ProducerPerformance}
 * @param samples its runs; each value is records per second, as the tool computed it
 */
record Ceiling(String name, List<Sample> samples) {

  /** The median records per second. */
  double rate() {
    return Stats.median(samples.stream().map(Sample::value).toList());
  }
}
