package io.github.kswordcount.direct;

import static io.github.kswordcount.core.testing.ProgressLines.batchesWithRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.core.testing.ProcessIdle;
import io.github.kswordcount.core.testing.WordTotals;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct job's fat jar as a user runs it: the lab's command, signals, exactly-once through SIGKILLs. A million
 * running totals in a fixed heap: {@link MillionRunningTotalsProcessIT}.
 */
@ExtendWith(LocalKafkaExtension.class)
class DirectAppProcessIT {

  private static final Path JAR = Path.of("target", "direct-app.jar");
  /** The rule Spark's {@code print()} draws above and below each batch's time. */
  static final String RULE = "-------------------------------------------";

  @TempDir Path dir;

  /**
   * A run that fails mid-stream, as a user sees it from the fat jar: the output topic refuses every write. The whole
   * stderr holds the start line, the batch lines and one {@code error:} line; no Spark ERROR line and no stack trace
   * above it (the job's line says what failed).
   */
  @Test
  void aFailureMidRunIsOneErrorLineOnTheWholeStderrWithoutAStackTrace(LocalKafka kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("midrun-in", 2, 1);
    // Smaller than any record batch: the broker refuses every write with MESSAGE_TOO_LARGE.
    kafka.createTopic("midrun-out", 1, 1, Map.of("max.message.bytes", "16"));
    KafkaIo.produceLines(bootstrap, "midrun-in", Corpus.generate(200, 11).lines());
    try (JavaTool.Running app = JavaTool.app(JAR).start(bootstrap, "midrun-in", "--group", "midrun",
        "--from-beginning", "--output-topic", "midrun-out", "--batch-seconds", "1", "--print", "0",
        "--kafka-timeout-seconds", "5", "--spark-conf", "spark.ui.enabled=false")) {
      int status = app.awaitExit(Duration.ofSeconds(120));
      List<String> stderr = app.stderrLines();
      String all = String.join("\n", stderr);
      assertThat(status).as(all).isEqualTo(1);
      assertThat(stderr).as(all).allMatch(l -> l.startsWith("Reading topics ") || l.startsWith("batch ")
          || l.startsWith("slow batch ") || l.startsWith("stalled ") || l.startsWith("error: ")
          || l.startsWith("summary "));
      assertThat(stderr).as(all).filteredOn(l -> l.startsWith("error: ")).singleElement().asString()
          .startsWith("error: cannot write counts to topic 'midrun-out': ").contains(" not acknowledged within 5 s: ");
    }
    assertThat(KafkaIo.committed(bootstrap, "midrun")).isEmpty();
  }

  /** The UI is on, as in the lab (on a free port: other jobs may hold 4040). */
  @Test
  void theLabsPositionalCommandPrintsBatchesInPrintLayout(LocalKafka kafka) throws Exception {
    kafka.createTopic("lab", 1, 1);
    KafkaIo.produceLines(kafka.bootstrapServers(), "lab", List.of("Hi how are you?", "how are you", "Hi"));
    try (JavaTool.Running app = JavaTool.app(JAR).start(kafka.bootstrapServers(), "lab", "--from-beginning",
        "--stop-when-idle", "1", "--batch-seconds", "1", "--spark-conf", "spark.ui.port=0")) {
      assertThat(app.awaitExit(Duration.ofSeconds(120))).as(String.join("\n", app.stderrLines())).isZero();
      assertThat(app.stderrLines()).anyMatch(l -> l.matches("Reading topics \\[lab\\] from "
          + Pattern.quote(kafka.bootstrapServers())
          + " as group 'wordcount-direct', batches of 1000 ms on local\\[\\*\\]"
          + "; Spark UI at http://127\\.0\\.0\\.1:\\d+"));
      // Spark's "KafkaUtils - overriding ..." lines are expected behaviour, hidden at the default log level, and so
      // is every other line not meant for the person who started the job.
      assertThat(app.stderrLines()).noneMatch(l -> l.contains("overriding"));
      assertThat(app.stderrLines()).allMatch(l -> l.startsWith("Reading topics ") || l.startsWith("batch ")
          || l.equals("Stopping: stop condition met") || l.startsWith("summary "));
      String out = app.stdout();
      assertThat(out).matches("(?s)(" + RULE + "\nTime: \\d+ ms\n" + RULE + "\n(\\(.+,\\d+\\)\n)*\n)+");
      assertThat(out).containsPattern(RULE + "\nTime: \\d+ ms\n" + RULE + "\n"
          + "\\(Hi,2\\)\n\\(are,2\\)\n\\(how,2\\)\n\\(you,1\\)\n\\(you\\?,1\\)\n\n");
    }
  }

  @Test
  void sigtermFinishesTheRunningBatchCommitsItAndExitsZero(LocalKafka kafka) throws Exception {
    kafka.createTopic("term-in", 2, 1);
    KafkaIo.produceLines(kafka.bootstrapServers(), "term-in", Corpus.generate(30_000, 4).lines());
    try (JavaTool.Running app = JavaTool.app(JAR).start(kafka.bootstrapServers(), "term-in", "--group", "term",
        "--from-beginning", "--batch-seconds", "1", "--max-rate-per-partition", "300", "--print", "0",
        "--spark-conf", "spark.ui.enabled=false")) {
      app.awaitStderr("a batch with records", Duration.ofSeconds(120),
          lines -> batchesWithRecords(lines) > 0);
      app.terminate();
      assertThat(app.awaitExit(Duration.ofSeconds(60))).as(String.join("\n", app.stderrLines())).isZero();
      List<String> lines = app.stderrLines();
      assertThat(lines).contains("Stopping: finishing the running batch");
      String summary = lines.stream().filter(l -> l.startsWith("summary ")).findFirst().orElseThrow();
      long processed = Long.parseLong(summary.replaceAll(".* records=(\\d+) .*", "$1"));
      long committed = KafkaIo.committed(kafka.bootstrapServers(), "term").values().stream()
          .mapToLong(Long::longValue).sum();
      assertThat(processed).isPositive().isLessThan(30_000);
      assertThat(committed).isEqualTo(processed);

      // A restart reads exactly the rest: the last batch before the stop is not read again.
      try (JavaTool.Running rest = JavaTool.app(JAR).start(kafka.bootstrapServers(), "term-in", "--group", "term",
          "--batch-seconds", "1", "--print", "0", "--stop-when-idle", "2", "--spark-conf", "spark.ui.enabled=false")) {
        assertThat(rest.awaitExit(Duration.ofSeconds(120))).as(String.join("\n", rest.stderrLines())).isZero();
        String restSummary = rest.stderrLines().stream().filter(l -> l.startsWith("summary ")).findFirst().orElseThrow();
        assertThat(Long.parseLong(restSummary.replaceAll(".* records=(\\d+) .*", "$1")))
            .isEqualTo(30_000 - processed);
      }
    }
  }

  @Test
  void aSecondSigtermDuringTheGracefulStopEndsTheProcessAtOnce(LocalKafka kafka) throws Exception {
    kafka.createTopic("twice-in", 2, 1);
    KafkaIo.produceLines(kafka.bootstrapServers(), "twice-in", Corpus.generate(60_000, 5).lines());
    try (JavaTool.Running app = JavaTool.app(JAR).start(kafka.bootstrapServers(), "twice-in", "--group", "twice",
        "--from-beginning", "--batch-seconds", "1", "--max-rate-per-partition", "10000", "--print", "0",
        "--spark-conf", "spark.ui.enabled=false")) {
      app.awaitStderr("a batch with records", Duration.ofSeconds(120),
          lines -> batchesWithRecords(lines) > 0);
      app.terminate();
      app.awaitStderr("the graceful stop", Duration.ofSeconds(30),
          lines -> lines.contains("Stopping: finishing the running batch"));
      long second = System.nanoTime();
      app.terminate();
      // 128 + SIGTERM's 15: halted, not waiting for the graceful stop (or Spark's shutdown hook) to finish.
      assertThat(app.awaitExit(Duration.ofSeconds(10))).as(String.join("\n", app.stderrLines())).isEqualTo(143);
      assertThat(Duration.ofNanos(System.nanoTime() - second)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void exactlyOnceSurvivesSigkillsCountingEveryRecordOnce(LocalKafka kafka) throws Exception {
    kafka.createTopic("eo-in", 3, 1);
    kafka.createTopic("eo-out", 1, 1);
    Corpus corpus = Corpus.generate(12_000, 3);
    KafkaIo.produceLines(kafka.bootstrapServers(), "eo-in", corpus.lines());
    String[] throttled = {"--bootstrap-server", kafka.bootstrapServers(), "--topic", "eo-in", "--group", "eo",
        "--from-beginning", "--output-topic", "eo-out", "--exactly-once", "--batch-seconds", "1",
        "--max-rate-per-partition", "400", "--print", "0", "--spark-conf", "spark.ui.enabled=false"};

    // Killed twice while batches with records are being written, each time after a different number of batches.
    for (int batchesBeforeKill : new int[] {2, 3}) {
      try (JavaTool.Running app = JavaTool.app(JAR).start(throttled)) {
        app.awaitStderr(batchesBeforeKill + " batches with records", Duration.ofSeconds(120),
            lines -> batchesWithRecords(lines) >= batchesBeforeKill);
        app.kill();
      }
    }
    try (JavaTool.Running app = JavaTool.app(JAR).start(kafka.bootstrapServers(), "eo-in", "--group", "eo",
        "--from-beginning", "--output-topic", "eo-out", "--exactly-once", "--batch-seconds", "1", "--print", "0",
        "--stop-when-idle", "2", "--spark-conf", "spark.ui.enabled=false")) {
      assertThat(app.awaitExit(Duration.ofSeconds(180))).as(String.join("\n", app.stderrLines())).isZero();
    }

    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "eo-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "eo"))
        .isEqualTo(KafkaIo.endOffsets(kafka.bootstrapServers(), "eo-in", 3));
  }

  /**
   * SIGKILL once the job has caught up and sits idle: everything was written and committed, so the restart
   * counts nothing twice and loses nothing.
   */
  @Test
  void aSigkillWhileIdleLeavesNothingToRecount(LocalKafka kafka) throws Exception {
    sigkillWhileIdle(kafka, "idle", 4);
  }

  /** The same, exactly once: the idle batches' transactions (offsets only) leave nothing open at the kill. */
  @Test
  void exactlyOnceASigkillWhileIdleLeavesNothingToRecount(LocalKafka kafka) throws Exception {
    sigkillWhileIdle(kafka, "eo-idle", 5, "--exactly-once");
  }

  /**
   * Two at-least-once runs of one group at once (the same command line in two processes): each commits a batch
   * only from where the group is, so a run whose batch the other has moved the group past skips it, and a run that
   * finds the group inside its batch ends with one error line. Either way nothing is lost: a run that ends with
   * exit 0 stopped idle at the end offsets; if both had failed, one more run would count the rest. No word is below
   * its count; what both output before either committed is counted twice.
   */
  @Test
  void twoAtLeastOnceRunsOfOneGroupAtOnceLoseNothing(LocalKafka kafka) throws Exception {
    long start = System.nanoTime();
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("twin-in", 2, 1);
    kafka.createTopic("twin-out", 1, 1);
    Corpus corpus = Corpus.generate(4000, 6);
    KafkaIo.produceLines(bootstrap, "twin-in", corpus.lines());
    String[] args = {"--bootstrap-server", bootstrap, "--topic", "twin-in", "--group", "twin", "--from-beginning",
        "--output-topic", "twin-out", "--batch-seconds", "1", "--print", "0", "--max-rate-per-partition", "300",
        "--stop-when-idle", "2", "--spark-conf", "spark.ui.enabled=false"};
    List<String> ends = new ArrayList<>();
    try (JavaTool.Running one = JavaTool.app(JAR).start(args);
        JavaTool.Running two = JavaTool.app(JAR).start(args)) {
      for (JavaTool.Running app : List.of(one, two)) {
        int exit = app.awaitExit(Duration.ofSeconds(120));
        List<String> errors = app.stderrLines().stream().filter(l -> l.startsWith("error: ")).toList();
        assertThat(exit).as(String.join("\n", app.stderrLines())).isIn(0, 1);
        assertThat(errors).as(String.join("\n", app.stderrLines())).hasSize(exit);
        ends.add("exit " + exit + (errors.isEmpty() ? "" : " " + errors.get(0)));
      }
    }
    if (!ends.contains("exit 0")) {
      // Both ended with an error line: the group is where their last commits left it.
      try (JavaTool.Running app = JavaTool.app(JAR).start(args)) {
        assertThat(app.awaitExit(Duration.ofSeconds(120))).as(String.join("\n", app.stderrLines())).isZero();
      }
    }
    assertThat(KafkaIo.committed(bootstrap, "twin")).isEqualTo(KafkaIo.endOffsets(bootstrap, "twin-in", 2));
    long twice = WordTotals.noneBelow(KafkaIo.sumCounts(bootstrap, "twin-out", "read_committed"), corpus.counts());
    System.err.printf("twin runs: %s; %d of %d words counted twice, %d ms%n", ends, twice,
        WordTotals.sum(corpus.counts()), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private void sigkillWhileIdle(LocalKafka kafka, String name, long seed, String... mode) throws Exception {
    long start = System.nanoTime();
    kafka.createTopic(name + "-in", 2, 1);
    kafka.createTopic(name + "-out", 1, 1);
    Corpus corpus = Corpus.generate(3000, seed);
    KafkaIo.produceLines(kafka.bootstrapServers(), name + "-in", corpus.lines());
    String[] args = concat(new String[] {"--bootstrap-server", kafka.bootstrapServers(), "--topic", name + "-in",
        "--group", name, "--from-beginning", "--output-topic", name + "-out", "--batch-seconds", "1", "--print", "0",
        "--spark-conf", "spark.ui.enabled=false"}, mode);
    try (JavaTool.Running app = JavaTool.app(JAR).start(args)) {
      app.awaitStderr("an idle batch at lag 0 after the records", Duration.ofSeconds(120), ProcessIdle::caughtUp);
      app.kill();
    }
    Map<String, Long> first = KafkaIo.sumCounts(kafka.bootstrapServers(), name + "-out", "read_committed");
    try (JavaTool.Running app = JavaTool.app(JAR).start(concat(args, "--stop-when-idle", "2"))) {
      assertThat(app.awaitExit(Duration.ofSeconds(120))).as(String.join("\n", app.stderrLines())).isZero();
    }

    assertThat(first).as("all counted before the kill").isEqualTo(corpus.counts());
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), name + "-out", "read_committed"))
        .isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), name))
        .isEqualTo(KafkaIo.endOffsets(kafka.bootstrapServers(), name + "-in", 2));
    System.err.printf("%s: SIGKILL while idle, 0 counted twice, %d ms%n", name,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private static String[] concat(String[] args, String... more) {
    return Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new);
  }
}
