package io.github.kswordcount.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The measurements, on one broker (of every pair, or of those {@code --only} names): each pair alternates ours and the alternative ({@code ours #1, theirs #1, ours
 * #2, ...}), then Kafka's performance tools give the ceilings. Every run is checked (exit status, records written,
 * read or counted) before its figure is taken.
 */
final class Suite {

  /** The topic every reader reads: the text file's lines, written once before the measurements. */
  static final String SHARED_TOPIC = "bench";
  /** The direct jobs' topic: the text file's lines {@link #BACKLOG_BATCHES} times over. */
  static final String BACKLOG_TOPIC = "bench-backlog";
  /**
   * Full batches in the direct jobs' backlog: the first is cold, the others warm. Ten, not the four of before: in
   * batches 2 to 4 the JIT still compiled 200-580 ms of CPU a batch, on the cores the tasks need, so their median
   * moved from run to run with it; the median of nine is steadier, and nearer the batches a job lives in.
   */
  static final int BACKLOG_BATCHES = 10;

  private final ProcessRunner runner;
  private final Commands commands;
  private final BenchTopics topics;
  private final String bootstrap;
  private final Path text;
  private final long lines;
  private final int runs;
  private final Path work;
  private final PrintStream progress;
  private final Duration toolTimeout;
  private final Duration jobTimeout;

  Suite(ProcessRunner runner, Commands commands, BenchTopics topics, String bootstrap, Path text, long lines, int runs,
      Path work, PrintStream progress) {
    this.runner = runner;
    this.commands = commands;
    this.topics = topics;
    this.bootstrap = bootstrap;
    this.text = text;
    this.lines = lines;
    this.runs = runs;
    this.work = work;
    this.progress = progress;
    this.toolTimeout = Duration.ofSeconds(60 + lines / 5_000);
    this.jobTimeout = Duration.ofSeconds(180 + lines * BACKLOG_BATCHES / 2_000);
  }

  /**
   * Runs the measurements of the chosen pairs, then the ceilings they need.
   *
   * @param pairs the pairs to measure
   * @return the table's rows, in this order: producers, consumers, direct jobs, receiver job
   */
  List<Comparison> run(Set<Pair> pairs) {
    String n = Stats.grouped(lines);
    if (pairs.contains(Pair.PRODUCER)) {
      // Untimed: the bin/ script's first run makes its class-data sharing archive.
      produce("producer-cli warm-up", 0, commands.producerCli(bootstrap, topic("ours", 0)));
    }
    if (pairs.contains(Pair.CONSUMER)) {
      consume("consumer-cli warm-up", 0, commands.consumerCli(bootstrap, SHARED_TOPIC, lines));
    }
    List<List<Sample>> producers = pairs.contains(Pair.PRODUCER) ? alternate(
        r -> produce("producer-cli", r, commands.producerCli(bootstrap, topic("ours", r))),
        r -> produce("producer-cli -jar", r, commands.producerCliJar(bootstrap, topic("jar", r))),
        r -> produce("ConsoleProducer", r, commands.consoleProducer(bootstrap, topic("kafka", r)))) : null;
    List<List<Sample>> consumers = pairs.contains(Pair.CONSUMER) ? alternate(
        r -> consume("consumer-cli", r, commands.consumerCli(bootstrap, SHARED_TOPIC, lines)),
        r -> consume("consumer-cli -jar", r, commands.consumerCliJar(bootstrap, SHARED_TOPIC, lines)),
        r -> consume("ConsoleConsumer", r, commands.consoleConsumer(bootstrap, SHARED_TOPIC, lines))) : null;
    long rate = Commands.maxRatePerPartition(lines);
    List<List<DirectRun>> direct = pairs.contains(Pair.DIRECT) ? alternate(
        r -> count("direct-app", r, commands.directApp(bootstrap, BACKLOG_TOPIC, "bench-direct-" + r, rate)),
        r -> count("lab job", r, commands.labJob(bootstrap, BACKLOG_TOPIC, "bench-lab-" + r, rate))) : null;
    List<List<Sample>> receiver = pairs.contains(Pair.RECEIVER) ? alternate(
        r -> receive("receiver-app --no-wal", r, null),
        r -> receive("receiver-app WAL", r, work.resolve("checkpoint-" + r))) : null;
    Ceiling produce = producers == null ? null : ceiling("ProducerPerformance", this::producerPerformance);
    Ceiling consume = pairs.equals(EnumSet.of(Pair.PRODUCER)) ? null
        : ceiling("ConsumerPerformance", this::consumerPerformance);
    List<Comparison> rows = new ArrayList<>();
    if (producers != null) {
      String what = "producer-cli: " + n + " lines from a file into a new topic (wall time, JVM start included), ";
      rows.add(new Comparison(what + "through `bin/kafka-console-producer.sh`", "producer bin/",
          Metric.WALL_TIME, lines, "producer-cli", producers.get(0), "Kafka's ConsoleProducer", producers.get(2),
          produce));
      rows.add(new Comparison(what + "through `java -jar`", "producer -jar", Metric.WALL_TIME, lines,
          "producer-cli", producers.get(1), "Kafka's ConsoleProducer", producers.get(2), produce));
    }
    if (consumers != null) {
      String what = "consumer-cli: " + n + " messages into a pipe (wall time, JVM start included), ";
      rows.add(new Comparison(what + "through `bin/kafka-console-consumer.sh`", "consumer bin/",
          Metric.WALL_TIME, lines, "consumer-cli", consumers.get(0), "Kafka's ConsoleConsumer", consumers.get(2),
          consume));
      rows.add(new Comparison(what + "through `java -jar`", "consumer -jar", Metric.WALL_TIME, lines,
          "consumer-cli", consumers.get(1), "Kafka's ConsoleConsumer", consumers.get(2), consume));
    }
    if (direct != null) {
      String backlog = "a backlog of " + BACKLOG_BATCHES + " x " + n + " lines read " + n + " a batch, "
          + Commands.MASTER + ", " + Commands.DIRECT_BATCH_SECONDS + " s batches";
      rows.add(new Comparison("direct-app, cold: the first batch of " + backlog + " (its processing time)",
          "direct cold", Metric.PROCESSING_TIME, lines, "direct-app",
          direct.get(0).stream().map(DirectRun::cold).toList(), "the lab's job",
          direct.get(1).stream().map(DirectRun::cold).toList(), consume));
      rows.add(new Comparison("direct-app, warm: the later batches of " + backlog + " (the median of their lines "
          + "per second of processing time)", "direct warm", Metric.RATE, lines, "direct-app",
          direct.get(0).stream().map(DirectRun::warm).toList(), "the lab's job",
          direct.get(1).stream().map(DirectRun::warm).toList(), consume));
    }
    if (receiver != null) {
      rows.add(new Comparison("receiver-app, 1 receiver: the backlog of " + BACKLOG_BATCHES + " x " + n + " lines, "
          + Commands.MASTER + ", "
          + Commands.RECEIVER_BATCH_SECONDS + " s batches (records received per second), write-ahead log off vs on",
          "receiver no WAL", Metric.RATE, lines, "--no-wal", receiver.get(0),
          "with the write-ahead log", receiver.get(1), consume));
    }
    return rows;
  }

  private String topic(String side, int round) {
    return "bench-produce-" + side + "-" + round;
  }

  /** One run of a direct job: its first batch (cold) and the median of its later full ones (warm). */
  record DirectRun(Sample cold, Sample warm) {}

  /**
   * Runs each side in turn (ours, then theirs; or two ways of ours, then theirs), {@code runs} times; returns
   * each side's samples in order.
   */
  @SafeVarargs
  private <T> List<List<T>> alternate(IntFunction<T>... sides) {
    List<List<T>> samples = new ArrayList<>();
    for (int side = 0; side < sides.length; side++) {
      samples.add(new ArrayList<>());
    }
    for (int round = 1; round <= runs; round++) {
      for (int side = 0; side < sides.length; side++) {
        samples.get(side).add(sides[side].apply(round));
      }
    }
    return samples;
  }

  private Ceiling ceiling(String name, IntFunction<Sample> run) {
    List<Sample> samples = new ArrayList<>();
    for (int round = 1; round <= runs; round++) {
      samples.add(run.apply(round));
    }
    return new Ceiling(name, samples);
  }

  private Sample produce(String name, int round, List<String> command) {
    String topic = command.get(command.indexOf("--topic") + 1);
    topics.create(topic);
    ChildRun run = succeeded(runner.run(name + " #" + round, command, text, false, toolTimeout));
    long written = topics.records(topic);
    if (written != lines) {
      throw new BenchFailure(run.label() + " wrote " + written + " records to topic '" + topic + "', not " + lines);
    }
    return report(run, run.wallNanos(), "");
  }

  private Sample consume(String name, int round, List<String> command) {
    ChildRun run = succeeded(runner.run(name + " #" + round, command, null, true, toolTimeout));
    if (run.stdoutLines() != lines) {
      throw new BenchFailure(run.label() + " printed " + run.stdoutLines() + " lines, not " + lines);
    }
    return report(run, run.wallNanos(), "");
  }

  private DirectRun count(String name, int round, List<String> command) {
    ChildRun run = succeeded(runner.run(name + " #" + round, command, null, false, jobTimeout));
    List<ProgressLines.Batch> batches = ProgressLines.batches(run.stderrText());
    long records = batches.stream().mapToLong(ProgressLines.Batch::records).sum();
    if (records != lines * BACKLOG_BATCHES || batches.get(0).records() != lines) {
      throw new BenchFailure(run.label() + " counted " + records + " records in its batch lines, not "
          + lines * BACKLOG_BATCHES + ", or not " + lines + " in its first batch; its stderr: " + run.stderr());
    }
    ProgressLines.Batch first = batches.get(0);
    double warm = ProgressLines.warmRate(batches, lines);
    String perBatch = batches.stream().map(b -> Stats.grouped(b.records()) + " in " + Stats.grouped(b.processingMs())
        + " ms").collect(java.util.stream.Collectors.joining(", "));
    Sample report = report(run, first.processingMs(), "cold " + Stats.grouped(first.processingMs()) + " ms ("
        + Stats.rate(first.rate()) + " lines/s), warm " + Stats.rate(warm) + " lines/s; batches: " + perBatch);
    return new DirectRun(report, new Sample(run.label(), warm, run.wallNanos(), run.peakRssKb(), report.note()));
  }

  private Sample receive(String name, int round, Path checkpointDir) {
    // The direct jobs' backlog: at 0.5 s batches 1,000,000 records span 5 to 7 batches, so one batch more or less
    // moved a rate by 15 to 20 %, more than the write-ahead log's cost to be measured.
    List<String> command = commands.receiverApp(bootstrap, BACKLOG_TOPIC,
        "bench-receiver-" + (checkpointDir == null ? "nowal-" : "wal-") + round, checkpointDir);
    ChildRun run = succeeded(runner.run(name + " #" + round, command, null, false, jobTimeout));
    ProgressLines.Totals totals = ProgressLines.totals(run.stderrText());
    // At least once: a receiver may hand a record over twice, never lose one.
    if (totals.records() < lines * BACKLOG_BATCHES) {
      throw new BenchFailure(run.label() + " received " + totals.records() + " records in its batch lines, not "
          + lines * BACKLOG_BATCHES + "; its stderr: " + run.stderr());
    }
    double rate = totals.spanRate(Math.round(Double.parseDouble(Commands.RECEIVER_BATCH_SECONDS) * 1000));
    return report(run, rate, totals.records() + " records in " + totals.batches() + " batch(es), "
        + Stats.rate(rate) + " records/s");
  }

  private Sample producerPerformance(int round) {
    String topic = "bench-perf-" + round;
    topics.create(topic);
    ChildRun run = succeeded(runner.run("ProducerPerformance #" + round,
        commands.producerPerformance(bootstrap, topic, lines), null, false, toolTimeout));
    PerfOutput.Produced produced = PerfOutput.produced(run.stdoutText());
    if (produced.records() != lines || topics.records(topic) != lines) {
      throw new BenchFailure(run.label() + " sent " + produced.records() + " records, not " + lines);
    }
    return report(run, produced.perSecond(), Stats.rate(produced.perSecond()) + " records/s");
  }

  private Sample consumerPerformance(int round) {
    ChildRun run = succeeded(runner.run("ConsumerPerformance #" + round,
        commands.consumerPerformance(bootstrap, SHARED_TOPIC, lines), null, false, toolTimeout));
    PerfOutput.Consumed consumed = PerfOutput.consumed(run.stdoutText());
    if (consumed.records() < lines) {
      throw new BenchFailure(run.label() + " consumed " + consumed.records() + " records, not " + lines);
    }
    return report(run, consumed.fetchPerSecond(), "fetch " + Stats.rate(consumed.fetchPerSecond())
        + " records/s; whole run, group join included, " + Stats.rate(consumed.perSecond()) + " records/s");
  }

  private ChildRun succeeded(ChildRun run) {
    if (run.exitCode() != 0) {
      throw new BenchFailure(run.label() + " exited with status " + run.exitCode() + ": " + run.stderrTail());
    }
    return run;
  }

  private Sample report(ChildRun run, double value, String note) {
    progress.println(run.label() + ": " + Stats.seconds(run.wallNanos()) + ", peak RSS "
        + Stats.megabytes(run.peakRssKb()) + (note.isEmpty() ? "" : ", " + note));
    return new Sample(run.label(), value, run.wallNanos(), run.peakRssKb(), note);
  }
}
