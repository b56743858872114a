package io.github.kswordcount.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Renders the benchmark as Markdown: the table alone (the README's fragment) and the whole note. */
final class MarkdownReport {

  /** The chart's file name, beside the note. */
  static final String CHART = "benchmarks.png";

  private MarkdownReport() {}

  /**
   * The table: one row per pair, medians.
   *
   * @param rows the rows
   * @return the Markdown table, ending with a newline
   */
  static String table(List<Comparison> rows) {
    StringBuilder table = new StringBuilder()
        .append("| what | ours | the alternative | ratio (range of the rounds) | peak RSS, ours / alternative "
            + "| ceiling on the same broker (ours as a share of it) |\n")
        .append("|---|---|---|---|---|---|\n");
    for (Comparison row : rows) {
      table.append("| ").append(cell(row.what()))
          .append(" | ").append(cell(row.oursName() + ": " + row.metric().format(row.oursMedian(), row.records())))
          .append(" | ").append(cell(row.theirsName() + ": " + row.metric().format(row.theirsMedian(), row.records())))
          .append(" | ").append(Stats.ratio(row.ratio())).append(" (").append(Stats.ratio(row.minRatio()))
          .append("..").append(Stats.ratio(row.maxRatio())).append(")")
          .append(" | ").append(Stats.megabytes(row.oursRssKb())).append(" / ").append(Stats.megabytes(row.theirsRssKb()))
          .append(" | ").append(cell(row.ceiling().name() + ": " + Stats.rate(row.ceiling().rate()) + " records/s ("
              + Math.round(100 * row.oursShareOfCeiling()) + " %)"))
          .append(" |\n");
    }
    return table.toString();
  }

  /**
   * Every run in the order it ran, with its figure.
   *
   * @param rows the rows, whose samples and ceilings are listed
   * @return the Markdown table, ending with a newline
   */
  static String runs(List<Comparison> rows) {
    StringBuilder table = new StringBuilder("| run | wall time | peak RSS | figure |\n|---|---|---|---|\n");
    // Rows may share runs (the cold and warm rows of the direct jobs; Kafka's tool in both rows of a console tool).
    java.util.Set<String> listed = new java.util.HashSet<>();
    Stream<Sample> pairs = rows.stream().flatMap(row -> interleave(row.ours(), row.theirs()).stream())
        .filter(sample -> listed.add(sample.label()));
    Stream<Sample> ceilings = rows.stream().map(Comparison::ceiling).distinct().flatMap(c -> c.samples().stream());
    Stream.concat(pairs, ceilings).forEach(sample -> table.append("| ").append(cell(sample.label())).append(" | ")
        .append(Stats.seconds(sample.wallNanos())).append(" | ").append(Stats.megabytes(sample.peakRssKb()))
        .append(" | ").append(cell(sample.note().isEmpty() ? "" : sample.note())).append(" |\n"));
    return table.toString();
  }

  private static List<Sample> interleave(List<Sample> ours, List<Sample> theirs) {
    return Stream.iterate(0, i -> i < Math.max(ours.size(), theirs.size()), i -> i + 1)
        .flatMap(i -> Stream.concat(i < ours.size() ? Stream.of(ours.get(i)) : Stream.empty(),
            i < theirs.size() ? Stream.of(theirs.get(i)) : Stream.empty()))
        .toList();
  }

  /**
   * The whole note: the table, the chart, the method, the machine, every run.
   *
   * @param report what to say
   * @return {@code docs/benchmarks.md}
   */
  static String document(Report report) {
    return "# Benchmarks\n\n"
        + String.format(Locale.ROOT, "Measured by `%s` on %s (commit %s): %s lines of English-like text (%s bytes, "
            + "%.1f bytes a line), one local-kafka broker, medians of %s of each side, alternated. The whole run took "
            + "%s.\n\n", report.command(), report.date(), report.commit(), Stats.grouped(report.lines()),
            Stats.grouped(report.bytes()), (double) report.bytes() / report.lines(), times(report.runs(), "run"),
            duration(report.elapsedSeconds()))
        + table(report.rows())
        + "\nRatio: how many times faster ours is, from the medians (the alternative's time over ours; for the "
        + "receiver, its rate without the write-ahead log over its rate with it). Ceiling: what Kafka's own "
        + "performance tools reach on the same broker, JVM start not included.\n\n"
        + "![Ratios per pair, and throughput against Kafka's performance tools](" + CHART + ")\n\n"
        + "What the direct job spends its warm batches on, and what each change of the hot path gained, measured "
        + "before and after in one alternated run: [profile.md](profile.md).\n\n"
        + method(report) + machine(report)
        + "## Every run\n\nPair by pair, each pair's runs in the order they ran.\n\n" + runs(report.rows());
  }

  private static String method(Report report) {
    String n = Stats.grouped(report.lines());
    return "## Method\n\n"
        + "- **Input.** One file of " + n + " lines, the same bytes every time: words drawn with Zipf's law from a "
        + "vocabulary of " + Stats.grouped(EnglishText.VOCABULARY_SIZE) + " (the commonest English words, then words "
        + "made of English roots and affixes), 8 to 14 a line, single spaces, seed 42. Each producer reads it on stdin "
        + "(`< file`).\n"
        + "- **Broker.** One `java -jar local-kafka/target/local-kafka.jar --port 0 --data-dir DIR --topic "
        + "bench:2` (peak RSS " + Stats.megabytes(report.brokerPeakRssKb()) + "), on the same cores as the clients. "
        + "Every topic has " + BenchTopics.PARTITIONS + " partitions. Before the measurements the file is written "
        + "once to topic `bench` (acks=all); every reader reads it.\n"
        + "- **Alternation.** Each pair runs ours, then the alternative, " + times(report.runs(), "time")
        + " (ours #1, theirs #1, ours #2, ...; the console tools run three ways a round: ours through `bin/`, ours "
        + "through `java -jar`, Kafka's); the table gives the median of each side, the ratio of the medians and, in "
        + "brackets, the smallest and the largest of the rounds' own ratios (ours #i against theirs #i): ours is "
        + "faster only when the whole range is above 1. Every "
        + "run is a fresh JVM; there is no warm-up run (the median drops a cold first run). A run counts only when "
        + "it exits 0 and wrote, printed or counted all " + n + " records.\n"
        + "- **Producers.** Wall time from the process start to its exit, JVM start included. Both get the same "
        + "options, `--bootstrap-server B --topic T` (so acks=all, both tools' default), and each run writes into a "
        + "new, empty topic.\n"
        + "- **Consumers.** Wall time, JVM start included, of `--bootstrap-server B --topic bench --from-beginning "
        + "--max-messages " + report.lines() + "`, stdout into a pipe that the benchmark reads and counts the lines "
        + "of (as `wc -l`). Neither gets `--group`: each run has a new generated group.\n"
        + "- **Direct jobs.** Both read topic `" + Suite.BACKLOG_TOPIC + "`, the file written "
        + Suite.BACKLOG_BATCHES + " times (" + Stats.grouped(report.lines() * Suite.BACKLOG_BATCHES) + " records), "
        + "rate-capped so that each batch holds " + n + " lines (`--max-rate-per-partition "
        + Commands.maxRatePerPartition(report.lines()) + "`, for the lab's job "
        + "`spark.streaming.kafka.maxRatePerPartition`). Cold: the `processing_ms` of the first batch, in a fresh "
        + "JVM. Warm: the median lines/s (records over `processing_ms`) of the later batches that hold at least half "
        + "a batch (" + (Suite.BACKLOG_BATCHES - 1) + " here; the JIT is still compiling in the first few of them, "
        + "hundreds of ms of CPU a batch, so a median of three moved with it). Both are read from the progress lines "
        + "on stderr. direct-app prints them; the lab's job "
        + "(`LabDirectWordCount`: `createDirectStream` with `Subscribe`, `line.split(\" \")`, a `Tuple2` per word, "
        + "`reduceByKey`, `print()`) prints the same format from a StreamingListener's `onBatchCompleted` "
        + "(processingDelay, numRecords) and stops after the first batch without records that follows one with "
        + "records. Both `" + Commands.MASTER + "`, " + Commands.DIRECT_BATCH_SECONDS + " s batches, a new group "
        + "each run; direct-app with `--from-beginning --print 0 --stop-when-idle 2 --max-rate-per-partition R --spark-conf "
        + "spark.ui.enabled=false`, the lab's job with `auto.offset.reset=earliest` and `spark.ui.enabled=false`.\n"
        + "- **Receiver job.** It reads the direct jobs' topic `" + Suite.BACKLOG_TOPIC + "` (no rate limit). Records "
        + "received per second: the records of the batches with records over their span "
        + "(last batch time less the first, plus one batch interval); one receiver, `" + Commands.MASTER + "`, "
        + Commands.RECEIVER_BATCH_SECONDS + " s batches, `--stop-when-idle 4`, a new group each run; with the "
        + "write-ahead log a new `--checkpoint-dir` each run, without it `--no-wal`. The grain is one batch "
        + "(with 1,000,000 records, 5 to 7 batches, a batch moved the rate by 15 to 20 %: why the backlog is "
        + Suite.BACKLOG_BATCHES + " times that).\n"
        + "- **Ceilings.** `ProducerPerformance --topic T --num-records " + report.lines() + " --record-size 62 "
        + "--throughput -1 --producer-props bootstrap.servers=B` (a new topic each run; its records/sec) and "
        + "`ConsumerPerformance --bootstrap-server B --topic bench --messages " + report.lines() + "` (its "
        + "fetch.nMsg.sec: fetching alone, the group join left out), " + times(report.runs(), "run")
        + " each, medians.\n"
        + "- **Peak RSS.** `VmHWM` of `/proc/<pid>/status`, read every " + ProcessRunner.SAMPLE_MS + " ms while "
        + "the process runs: the last reading is its peak (the last " + ProcessRunner.SAMPLE_MS + " ms can be "
        + "missed). The table gives the median of the runs' peaks.\n"
        + "- **JVMs.** Every process runs the same `java` with its default flags (heap up to a quarter of the "
        + "memory) but for the console tools' heap. The console tools of ours run both through "
        + "`bin/kafka-console-producer.sh` and `bin/kafka-console-consumer.sh` (their fat jar with a class-data "
        + "sharing archive, made by one untimed warm-up run before the timed ones, and `-Xmx512M`, as Kafka's "
        + "scripts) and through `java -jar` on their fat jars (no archive, the default heap), the jobs from "
        + "their fat jars (`java -jar`); Kafka's tools from the class path of kafka_2.12 and "
        + "kafka-tools " + "3.9.2 (`bench/kafka-tools/pom.xml`, " + report.kafkaJars() + " jars, like the libs/ of "
        + "Kafka's distribution) with Kafka's `tools-log4j.properties` (WARN on stderr), as `kafka-run-class.sh` "
        + "runs them, with the `-Xmx512M` of their scripts but without `kafka-run-class.sh`'s GC flags; the lab's "
        + "job from the bench module's class path with the "
        + "`--add-opens` the fat jars have in their manifest.\n\n";
  }

  private static String machine(Report report) {
    Machine machine = report.machine();
    return "## Machine\n\n"
        + "- `nproc`: " + machine.cores() + "; memory: " + String.format(Locale.ROOT, "%.1f GiB",
            machine.memoryKb() / 1024.0 / 1024.0) + "; CPU: " + machine.cpu() + "; " + machine.os() + "\n"
        + "- load average (1, 5, 15 min) at the start " + machine.loadAtStart() + ", at the end "
        + report.loadAtEnd() + ": the machine is shared, so treat the figures as a range\n"
        + "- `java -version`:\n\n```\n" + String.join("\n", machine.javaVersion()) + "\n```\n\n";
  }

  private static String times(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static String duration(long seconds) {
    return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
