package io.github.kswordcount.receiverapp;

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
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver job's JVM dies, as under SIGKILL, once the second batch with records is output and before what
 * it counted is announced, so before the receivers commit it ({@link FaultPoint},
 * {@code -Dkswc.fault=after-output:2}); the same command restarted without the fault recovers from its
 * checkpoint and finishes the input, as at-least-once promises across that window. What was announced as counted is committed before the
 * receivers start, and they read the rest from Kafka (the write-ahead log's blocks of the dead run are not
 * replayed): exactly the batch output and not announced is counted twice.
 */
@ExtendWith(LocalKafkaExtension.class)
class ReceiverKillBetweenOutputAndCommitIT {

  private static final Path JAR = Path.of("target", "receiver-app.jar");

  @TempDir Path dir;

  @Test
  void aSigkillBetweenTheOutputAndTheCommitRecountsButLosesNothing(LocalKafka kafka) throws Exception {
    long start = System.nanoTime();
    kafka.createTopic("kill-in", 3, 1);
    kafka.createTopic("kill-out", 1, 1);
    Corpus corpus = Corpus.generate(3000, 33);
    String bootstrap = kafka.bootstrapServers();
    KafkaIo.produceLines(bootstrap, "kill-in", corpus.lines());
    // 3,000 lines read at most 800 a second: 4 batches or more with records. Write-ahead log on (the default).
    List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", "kill-in", "--group",
        "kill", "--from-beginning", "--output-topic", "kill-out", "--checkpoint-dir",
        dir.resolve("checkpoint").toString(), "--batch-seconds", "1", "--max-rate", "800", "--master", "local[2]",
        "--print", "0", "--spark-conf", "spark.ui.enabled=false"));

    List<String> faulted;
    try (JavaTool.Running app = JavaTool.app(JAR).addJvmOptions("-D" + FaultPoint.PROPERTY + "=after-output:2").start(args.toArray(new String[0]))) {
      assertThat(app.awaitExit(Duration.ofSeconds(60))).as(String.join("\n", app.stderrLines()))
          .isEqualTo(FaultPoint.HALT_STATUS);
      faulted = app.stderrLines();
      assertThat(faulted).contains("fault kswc.fault=after-output:2: halting the JVM after the output of batch"
          + " with records #2, before its commit");
    }
    Map<String, Long> outputAtKill = KafkaIo.sumCounts(bootstrap, "kill-out", "read_uncommitted");
    Map<TopicPartition, Long> announced = KafkaIo.committed(bootstrap, "kill.counted");
    Map<TopicPartition, Long> committed = KafkaIo.committed(bootstrap, "kill");
    Map<String, Long> announcedAtKill = WordTotals.below(bootstrap, "kill-in", announced);
    args.addAll(List.of("--stop-when-idle", "4"));
    String summary;
    try (JavaTool.Running app = JavaTool.app(JAR).start(args.toArray(new String[0]))) {
      assertThat(app.awaitExit(Duration.ofSeconds(90))).as(String.join("\n", app.stderrLines())).isZero();
      summary = app.stderrLines().stream().filter(l -> l.startsWith("summary ")).findFirst().orElse("no summary");
    }

    Map<String, Long> surplus = WordTotals.minus(KafkaIo.sumCounts(bootstrap, "kill-out", "read_uncommitted"),
        corpus.counts());
    System.out.printf(Locale.ROOT, "receiver job (write-ahead log), SIGKILL between output and commit: %d of %d word"
        + " counts duplicated (%d of %d words over their count, %d under); at the kill %d words output, %d records"
        + " announced, %d committed; restart: %s; %d ms%n",
        surplus.values().stream().filter(d -> d > 0).mapToLong(Long::longValue).sum(), WordTotals.sum(corpus.counts()),
        surplus.values().stream().filter(d -> d > 0).count(), corpus.counts().size(),
        surplus.values().stream().filter(d -> d < 0).count(), WordTotals.sum(outputAtKill),
        announced.values().stream().mapToLong(Long::longValue).sum(),
        committed.values().stream().mapToLong(Long::longValue).sum(), summary,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    Map<String, Long> outputNotAnnounced = WordTotals.minus(outputAtKill, announcedAtKill);
    assertThat(outputNotAnnounced.values()).as("output at the kill beyond what was announced as counted")
        .isNotEmpty().allMatch(d -> d > 0);
    // The restart hands what was announced over to the group and reads on from there, from Kafka, not from the
    // write-ahead log: counted twice is exactly the batch output and not announced, nothing else.
    assertThat(surplus).as("counted twice; the faulted run:\n%s", String.join("\n", faulted))
        .isEqualTo(outputNotAnnounced);
    assertThat(KafkaIo.committed(bootstrap, "kill")).isEqualTo(KafkaIo.endOffsets(bootstrap, "kill-in", 3));
  }

  /**
   * Killed at an aimed moment inside a batch ({@code -Dkswc.fault=before-output:2}: the second batch with records
   * read and counted, nothing of it written or announced): the restart loses no word and counts none twice.
   */
  @Test
  void aSigkillInsideABatchBeforeItsOutputLosesNothing(LocalKafka kafka) throws Exception {
    long start = System.nanoTime();
    kafka.createTopic("inkill-in", 3, 1);
    kafka.createTopic("inkill-out", 1, 1);
    Corpus corpus = Corpus.generate(3000, 34);
    String bootstrap = kafka.bootstrapServers();
    KafkaIo.produceLines(bootstrap, "inkill-in", corpus.lines());
    List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", "inkill-in", "--group",
        "inkill", "--from-beginning", "--output-topic", "inkill-out", "--checkpoint-dir",
        dir.resolve("inside-checkpoint").toString(), "--batch-seconds", "1", "--max-rate", "800", "--master",
        "local[2]", "--print", "0", "--spark-conf", "spark.ui.enabled=false"));

    try (JavaTool.Running app = JavaTool.app(JAR)
        .addJvmOptions("-D" + FaultPoint.PROPERTY + "=before-output:2")
        .start(args.toArray(new String[0]))) {
      assertThat(app.awaitExit(Duration.ofSeconds(60))).as(String.join("\n", app.stderrLines()))
          .isEqualTo(FaultPoint.HALT_STATUS);
      assertThat(app.stderrLines()).contains("fault kswc.fault=before-output:2: halting the JVM inside batch with"
          + " records #2, before its output");
    }
    Map<String, Long> outputAtKill = KafkaIo.sumCounts(bootstrap, "inkill-out", "read_uncommitted");
    Map<String, Long> announcedAtKill =
        WordTotals.below(bootstrap, "inkill-in", KafkaIo.committed(bootstrap, "inkill.counted"));
    args.addAll(List.of("--stop-when-idle", "4"));
    try (JavaTool.Running app = JavaTool.app(JAR).start(args.toArray(new String[0]))) {
      assertThat(app.awaitExit(Duration.ofSeconds(90))).as(String.join("\n", app.stderrLines())).isZero();
    }

    long twice = WordTotals.noneBelow(KafkaIo.sumCounts(bootstrap, "inkill-out", "read_uncommitted"),
        corpus.counts());
    System.out.printf(Locale.ROOT, "receiver job, SIGKILL inside a batch before its output: %d of %d word counts"
        + " counted twice; %d ms%n", twice, WordTotals.sum(corpus.counts()),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    assertThat(outputAtKill).as("at the kill, the output is what was announced (batch 1)").isEqualTo(announcedAtKill)
        .isNotEmpty();
    // The restart hands over what was announced and reads on from there: the batch killed before its output is
    // counted once.
    assertThat(twice).isZero();
    assertThat(KafkaIo.committed(bootstrap, "inkill")).isEqualTo(KafkaIo.endOffsets(bootstrap, "inkill-in", 3));
  }
}
