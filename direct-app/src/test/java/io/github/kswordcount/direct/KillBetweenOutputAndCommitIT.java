package io.github.kswordcount.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.core.internal.output.FaultPoint;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.core.testing.WordTotals;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The direct job's JVM dies, as under SIGKILL, at the one moment a kill from outside cannot aim at: the second
 * batch with records is output, its offsets not committed ({@link FaultPoint}, {@code -Dkswc.fault=after-output:2}).
 * The same command restarted without the fault finishes the input, each record counted at least once: the window
 * between output and commit is where at-least-once could lose or double-commit a batch.
 */
@ExtendWith(LocalKafkaExtension.class)
class KillBetweenOutputAndCommitIT {

  private static final Path JAR = Path.of("target", "direct-app.jar");
  private static final String FAULT = "-D" + FaultPoint.PROPERTY + "=after-output:2";
  private static final String FAULT_LINE = "fault kswc.fault=after-output:2: halting the JVM after the output of"
      + " batch with records #2, before its commit";


  /** 3,000 lines on 3 partitions, read at most 200 a partition a second: 5 batches with records. */
  private static String[] args(LocalKafka kafka, String name, String... more) {
    List<String> all = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(), "--topic",
        name + "-in", "--group", name, "--from-beginning", "--output-topic", name + "-out", "--batch-seconds", "1",
        "--max-rate-per-partition", "200", "--print", "0", "--spark-conf", "spark.ui.enabled=false"));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  private static Corpus produce(LocalKafka kafka, String name, long seed) {
    kafka.createTopic(name + "-in", 3, 1);
    kafka.createTopic(name + "-out", 1, 1);
    Corpus corpus = Corpus.generate(3000, seed);
    KafkaIo.produceLines(kafka.bootstrapServers(), name + "-in", corpus.lines());
    return corpus;
  }

  /** Runs the job with the fault armed and returns once it has halted there. */
  private void runUntilTheFault(String[] args) throws Exception {
    runUntilTheFault(FAULT, FAULT_LINE, args);
  }

  private void runUntilTheFault(String fault, String line, String[] args) throws Exception {
    try (JavaTool.Running app = JavaTool.app(JAR).addJvmOptions(fault).start(args)) {
      assertThat(app.awaitExit(Duration.ofSeconds(60))).as(String.join("\n", app.stderrLines()))
          .isEqualTo(FaultPoint.HALT_STATUS);
      assertThat(app.stderrLines()).contains(line);
    }
  }

  private void restartUntilIdle(String[] args) throws Exception {
    try (JavaTool.Running app = JavaTool.app(JAR).start(args)) {
      assertThat(app.awaitExit(Duration.ofSeconds(90))).as(String.join("\n", app.stderrLines())).isZero();
    }
  }

  /**
   * At least once: the batch output before the kill is counted again after the restart, and nothing else is.
   * The totals are the corpus plus exactly what the output held beyond the committed input at the kill.
   */
  @Test
  void aSigkillBetweenTheOutputAndTheCommitRecountsTheBatchButLosesNothing(LocalKafka kafka) throws Exception {
    long start = System.nanoTime();
    Corpus corpus = produce(kafka, "alo", 31);
    String bootstrap = kafka.bootstrapServers();

    runUntilTheFault(args(kafka, "alo"));
    Map<String, Long> outputAtKill = KafkaIo.sumCounts(bootstrap, "alo-out", "read_uncommitted");
    Map<String, Long> committedAtKill = WordTotals.below(bootstrap, "alo-in", KafkaIo.committed(bootstrap, "alo"));
    restartUntilIdle(args(kafka, "alo", "--stop-when-idle", "2"));

    Map<String, Long> totals = KafkaIo.sumCounts(bootstrap, "alo-out", "read_uncommitted");
    Map<String, Long> surplus = WordTotals.minus(totals, corpus.counts());
    report("direct at least once", surplus, corpus, start);
    assertThat(surplus).as("words below their corpus count").allSatisfy((word, d) -> assertThat(d).isPositive());
    Map<String, Long> notCommitted = WordTotals.minus(outputAtKill, committedAtKill);
    assertThat(notCommitted).as("output at the kill beyond the committed input").isNotEmpty();
    assertThat(surplus).as("counted twice: exactly what was output, not committed, at the kill")
        .isEqualTo(notCommitted);
    assertThat(KafkaIo.committed(bootstrap, "alo")).isEqualTo(KafkaIo.endOffsets(bootstrap, "alo-in", 3));
  }

  /**
   * Exactly once: the kill leaves the second batch's transaction open (its counts and offsets sent, not
   * committed); the restart aborts it and counts the batch again, once.
   */
  @Test
  void exactlyOnceASigkillBetweenTheSendsAndTheCommitCountsEveryRecordOnce(LocalKafka kafka) throws Exception {
    long start = System.nanoTime();
    Corpus corpus = produce(kafka, "eo", 32);
    String bootstrap = kafka.bootstrapServers();

    runUntilTheFault(args(kafka, "eo", "--exactly-once"));
    Map<String, Long> visibleAtKill = KafkaIo.sumCounts(bootstrap, "eo-out", "read_committed");
    Map<String, Long> sentAtKill = KafkaIo.sumCounts(bootstrap, "eo-out", "read_uncommitted");
    Map<String, Long> committedAtKill = WordTotals.below(bootstrap, "eo-in", KafkaIo.committed(bootstrap, "eo"));
    restartUntilIdle(args(kafka, "eo", "--exactly-once", "--stop-when-idle", "2"));

    Map<String, Long> totals = KafkaIo.sumCounts(bootstrap, "eo-out", "read_committed");
    report("direct exactly once", WordTotals.minus(totals, corpus.counts()), corpus, start);
    assertThat(totals).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(bootstrap, "eo")).isEqualTo(KafkaIo.endOffsets(bootstrap, "eo-in", 3));
    assertThat(visibleAtKill).as("at the kill, the visible output is the committed input").isEqualTo(committedAtKill);
    assertThat(WordTotals.sum(sentAtKill)).as("at the kill, the second batch's counts sent in the open transaction")
        .isGreaterThan(WordTotals.sum(visibleAtKill));
  }

  /**
   * At least once, killed inside a batch ({@code -Dkswc.fault=before-output:2}: the second batch with records
   * generated, nothing of it written or committed): the restart counts every record exactly once.
   */
  @Test
  void aSigkillInsideABatchBeforeItsOutputCountsEveryRecordOnceAfterTheRestart(LocalKafka kafka) throws Exception {
    long start = System.nanoTime();
    Corpus corpus = produce(kafka, "inside", 33);
    String bootstrap = kafka.bootstrapServers();

    runUntilTheFault("-D" + FaultPoint.PROPERTY + "=before-output:2",
        "fault kswc.fault=before-output:2: halting the JVM inside batch with records #2, before its output",
        args(kafka, "inside"));
    Map<String, Long> outputAtKill = KafkaIo.sumCounts(bootstrap, "inside-out", "read_uncommitted");
    Map<String, Long> committedAtKill =
        WordTotals.below(bootstrap, "inside-in", KafkaIo.committed(bootstrap, "inside"));
    restartUntilIdle(args(kafka, "inside", "--stop-when-idle", "2"));

    Map<String, Long> totals = KafkaIo.sumCounts(bootstrap, "inside-out", "read_uncommitted");
    report("direct at least once, inside a batch", WordTotals.minus(totals, corpus.counts()), corpus, start);
    assertThat(outputAtKill).as("at the kill, the output is the committed input (batch 1)").isEqualTo(committedAtKill)
        .isNotEmpty();
    assertThat(totals).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(bootstrap, "inside")).isEqualTo(KafkaIo.endOffsets(bootstrap, "inside-in", 3));
  }

  private static void report(String job, Map<String, Long> surplus, Corpus corpus, long start) {
    System.out.printf(Locale.ROOT, "%s, SIGKILL: %d of %d word counts duplicated (%d"
        + " of %d words over their count, %d under), %d ms%n", job,
        surplus.values().stream().filter(d -> d > 0).mapToLong(Long::longValue).sum(), WordTotals.sum(corpus.counts()),
        surplus.values().stream().filter(d -> d > 0).count(), corpus.counts().size(),
        surplus.values().stream().filter(d -> d < 0).count(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }
}
