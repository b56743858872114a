package io.github.kswordcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricTest {

  @Test
  void timesBecomeRatesOverTheRecords() {
    assertThat(Metric.WALL_TIME.rate(2e9, 1_000_000)).isEqualTo(500_000.0);
    assertThat(Metric.PROCESSING_TIME.rate(2_000, 1_000_000)).isEqualTo(500_000.0);
    assertThat(Metric.RATE.rate(123.0, 1_000_000)).isEqualTo(123.0);
  }

  @Test
  void theRatioIsHowManyTimesFasterOursIs() {
    assertThat(Metric.WALL_TIME.ratio(2, 3)).isEqualTo(1.5);
    assertThat(Metric.PROCESSING_TIME.ratio(4, 2)).isEqualTo(0.5);
    assertThat(Metric.RATE.ratio(300, 200)).isEqualTo(1.5);
  }

  @Test
  void eachMetricHasItsTableText() {
    assertThat(Metric.WALL_TIME.format(3.18e9, 1_000_000)).isEqualTo("3.18 s (314,000 lines/s)");
    assertThat(Metric.PROCESSING_TIME.format(2207, 1_000_000)).isEqualTo("2,207 ms (453,000 lines/s)");
    assertThat(Metric.RATE.format(211_432, 1_000_000)).isEqualTo("211,000 records/s");
  }
}
