package io.github.kswordcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

  private static Sample sample(String label, double value) {
    return new Sample(label, value, 1_000_000_000L, 100_000, "");
  }

  @Test
  void thePngHoldsTheRatioChartAboveTheThroughputChart(@TempDir Path dir) throws IOException {
    Ceiling produce = new Ceiling("ProducerPerformance", List.of(sample("ProducerPerformance #1", 650_000)));
    Ceiling consume = new Ceiling("ConsumerPerformance", List.of(sample("ConsumerPerformance #1", 2_200_000)));
    List<Comparison> rows = List.of(
        new Comparison("p", "producer-cli vs Kafka's", Metric.WALL_TIME, 1_000_000, "producer-cli",
            List.of(sample("producer-cli #1", 3.18e9)), "ConsoleProducer", List.of(sample("ConsoleProducer #1",
                4.68e9)), produce),
        new Comparison("r", "receiver-app WAL off vs on", Metric.RATE, 1_000_000, "--no-wal",
            List.of(sample("receiver-app --no-wal #1", 211_000)), "WAL", List.of(sample("receiver-app WAL #1",
                138_000)), consume));
    Path png = dir.resolve("benchmarks.png");

    Charts.write(rows, 1_000_000, png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1000);
    assertThat(image.getHeight()).isEqualTo(920);
    List<Number> ratios = List.copyOf(Charts.ratios(rows, 1_000_000).getSeriesMap()
        .get("ratio").getYData());
    assertThat(ratios).containsExactly(4.68 / 3.18, 211_000.0 / 138_000);
    List<Number> lowest = List.copyOf(Charts.ratios(rows, 1_000_000).getSeriesMap().get("lowest round").getYData());
    assertThat(lowest).containsExactly(4.68 / 3.18, 211_000.0 / 138_000);
    assertThat(Charts.throughput(rows, 1_000_000).getSeriesMap().keySet()).containsExactly("ours",
        "the alternative", "ceiling: Kafka's ProducerPerformance / ConsumerPerformance");
  }
}
