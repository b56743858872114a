package io.github.kswordcount.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  private static Sample sample(String label, double value, double seconds, long rssKb) {
    return new Sample(label, value, Math.round(seconds * 1e9), rssKb, "");
  }

  private static final Ceiling PRODUCE = new Ceiling("ProducerPerformance",
      List.of(sample("ProducerPerformance #1", 650_000, 2.1, 300_000), sample("ProducerPerformance #2", 657_100, 2.0,
          310_000), sample("ProducerPerformance #3", 700_000, 2.2, 305_000)));
  private static final Ceiling CONSUME = new Ceiling("ConsumerPerformance",
      List.of(sample("ConsumerPerformance #1", 2_204_871, 1.5, 250_000)));

  private static final List<Comparison> ROWS = List.of(
      new Comparison("producer-cli: 1,000,000 lines", "producer", Metric.WALL_TIME, 1_000_000, "producer-cli",
          List.of(sample("producer-cli #1", 3.3e9, 3.3, 320_000), sample("producer-cli #2", 3.18e9, 3.18, 319_488),
              sample("producer-cli #3", 3.1e9, 3.1, 318_000)),
          "Kafka's ConsoleProducer",
          List.of(sample("ConsoleProducer #1", 4.68e9, 4.68, 280_000), sample("ConsoleProducer #2", 4.7e9, 4.7,
              281_000), sample("ConsoleProducer #3", 4.6e9, 4.6, 279_000)), PRODUCE),
      new Comparison("direct-app: the backlog", "direct", Metric.PROCESSING_TIME, 1_000_000, "direct-app",
          List.of(sample("direct-app #1", 2_207, 9, 900_000)), "the lab's job",
          List.of(sample("lab job #1", 3_495, 11, -1)), CONSUME),
      new Comparison("receiver | WAL", "receiver", Metric.RATE, 1_000_000, "--no-wal",
          List.of(sample("receiver-app --no-wal #1", 211_000, 12, 700_000)), "with the write-ahead log",
          List.of(sample("receiver-app WAL #1", 138_000, 14, 720_000)), CONSUME));

  @Test
  void theTableHasOneRowPerPairWithMediansRatiosAndPeaks() {
    // producer-cli's rounds: 4.68/3.30, 4.70/3.18 and 4.60/3.10 (1.418, 1.478, 1.484); the direct and receiver rows have one round.
    assertThat(MarkdownReport.table(ROWS)).isEqualTo(
        "| what | ours | the alternative | ratio (range of the rounds) | peak RSS, ours / alternative "
        + "| ceiling on the same broker (ours as a share of it) |\n"
        + "|---|---|---|---|---|---|\n"
        + "| producer-cli: 1,000,000 lines | producer-cli: 3.18 s (314,000 lines/s) | Kafka's ConsoleProducer: 4.68 s "
        + "(214,000 lines/s) | 1.47x (1.42x..1.48x) | 312 MB / 273 MB | ProducerPerformance: 657,000 records/s (48 %) |\n"
        + "| direct-app: the backlog | direct-app: 2,207 ms (453,000 lines/s) | the lab's job: 3,495 ms (286,000 "
        + "lines/s) | 1.58x (1.58x..1.58x) | 879 MB / n/a | ConsumerPerformance: 2,200,000 records/s (21 %) |\n"
        + "| receiver \\| WAL | --no-wal: 211,000 records/s | with the write-ahead log: 138,000 records/s | 1.53x "
        + "(1.53x..1.53x) | 684 MB / 703 MB | ConsumerPerformance: 2,200,000 records/s (10 %) |\n");
  }

  @Test
  void aPairsRangeIsItsRoundsRatiosEachOursAgainstTheRunRightAfterIt() {
    Comparison producer = ROWS.get(0);
    assertThat(producer.roundRatios()).hasSize(3);
    assertThat(producer.minRatio()).isCloseTo(4.68 / 3.3, within(1e-9));
    assertThat(producer.maxRatio()).isCloseTo(4.6 / 3.1, within(1e-9));
    // A rate: ours over theirs.
    assertThat(ROWS.get(2).roundRatios()).containsExactly(211_000.0 / 138_000);
  }

  @Test
  void everyRunIsListedInTheOrderItRanThenEachCeilingOnce() {
    String runs = MarkdownReport.runs(ROWS);
    assertThat(runs.lines().map(line -> line.split(" \\| ")[0]).toList()).containsExactly(
        "| run", "|---|---|---|---|", "| producer-cli #1", "| ConsoleProducer #1", "| producer-cli #2",
        "| ConsoleProducer #2", "| producer-cli #3", "| ConsoleProducer #3", "| direct-app #1", "| lab job #1",
        "| receiver-app --no-wal #1", "| receiver-app WAL #1", "| ProducerPerformance #1", "| ProducerPerformance #2",
        "| ProducerPerformance #3", "| ConsumerPerformance #1");
    assertThat(runs.lines().toList().get(2)).isEqualTo("| producer-cli #1 | 3.30 s | 313 MB |  |");
  }

  @Test
  void theNoteHoldsTheTableTheChartTheMethodAndTheMachine() {
    Machine machine = new Machine(2, 24_000_000, "Some CPU", "Linux 6.1", List.of("openjdk version \"17.0.15\""),
        "0.50 0.40 0.30");
    String note = MarkdownReport.document(new Report(ROWS, 1_000_000, 62_600_000, 3, "bench/run.sh",
        "2026-12-02 07:10 UTC", "31dbf93", machine, "1.00 0.90 0.80", 260_000, 114, 754));
    assertThat(note).startsWith("# Benchmarks\n\nMeasured by `bench/run.sh` on 2026-12-02 07:10 UTC (commit 31dbf93): "
        + "1,000,000 lines of English-like text (62,600,000 bytes, 62.6 bytes a line), one local-kafka broker, "
        + "medians of 3 runs of each side, alternated. The whole run took 12 min 34 s.\n\n"
        + MarkdownReport.table(ROWS));
    assertThat(note).contains("![Ratios per pair, and throughput against Kafka's performance tools](benchmarks.png)",
        "## Method", "[profile.md](profile.md)", "(peak RSS 254 MB)", "- `nproc`: 2; memory: 22.9 GiB; CPU: Some CPU; Linux 6.1\n",
        "at the start 0.50 0.40 0.30, at the end 1.00 0.90 0.80", "```\nopenjdk version \"17.0.15\"\n```",
        "114 jars", "ours, then the alternative, 3 times (ours #1, theirs #1, ours #2, ...; ",
        "the file written 10 times (10,000,000 records)", "(`--max-rate-per-partition 250000`",
        "`ConsumerPerformance --bootstrap-server B --topic bench --messages 1000000`", "3 runs each, medians",
        "## Every run\n\nPair by pair, each pair's runs in the order they ran.\n\n" + MarkdownReport.runs(ROWS));
  }
}
