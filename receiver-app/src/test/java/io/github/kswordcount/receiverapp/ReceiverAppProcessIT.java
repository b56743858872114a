package io.github.kswordcount.receiverapp;

import static io.github.kswordcount.core.testing.ProgressLines.batchesWithRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.core.testing.WordTotals;
import io.github.kswordcount.core.testing.ProcessIdle;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The receiver job's fat jar killed with SIGKILL mid-stream and restarted from its checkpoint. */
@ExtendWith(LocalKafkaExtension.class)
class ReceiverAppProcessIT {

  private static final Path JAR = Path.of("target", "receiver-app.jar");

  @TempDir Path dir;

  @Test
  void aRestartFromTheCheckpointAfterSigkillLosesNoWord(LocalKafka kafka) throws Exception {
    kafka.createTopic("wal-in", 3, 1);
    kafka.createTopic("wal-out", 1, 1);
    Corpus corpus = Corpus.generate(6000, 13);
    KafkaIo.produceLines(kafka.bootstrapServers(), "wal-in", corpus.lines());
    String[] args = {"--bootstrap-server", kafka.bootstrapServers(), "--topic", "wal-in", "--group", "wal",
        "--from-beginning", "--output-topic", "wal-out", "--checkpoint-dir", dir.resolve("checkpoint").toString(),
        "--batch-seconds", "1", "--max-rate", "800", "--master", "local[2]", "--print", "0",
        "--spark-conf", "spark.ui.enabled=false", "--stop-when-idle", "4"};

    List<String> firstRun;
    List<String> secondRun;
    try (JavaTool.Running app = JavaTool.app(JAR).start(args)) {
      app.awaitStderr("2 batches with records", Duration.ofSeconds(120),
          lines -> batchesWithRecords(lines) >= 2);
      app.kill();
      firstRun = app.stderrLines();
    }
    try (JavaTool.Running app = JavaTool.app(JAR).start(args)) {
      assertThat(app.awaitExit(Duration.ofSeconds(180))).as(String.join("\n", app.stderrLines())).isZero();
      secondRun = app.stderrLines();
    }
    String runs = "first run:\n" + String.join("\n", firstRun) + "\nsecond run:\n" + String.join("\n", secondRun);

    Map<String, Long> totals = KafkaIo.sumCounts(kafka.bootstrapServers(), "wal-out", "read_committed");
    assertThat(totals).containsOnlyKeys(corpus.counts().keySet());
    corpus.counts().forEach((word, count) -> assertThat(totals.get(word)).as(word + "\n" + runs)
        .isGreaterThanOrEqualTo(count));
    // For the reliability report: what the kill cost in words counted twice.
    System.out.println("receiver SIGKILL mid-stream: words counted twice "
        + (WordTotals.sum(totals) - WordTotals.sum(corpus.counts())));
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "wal"))
        .isEqualTo(KafkaIo.endOffsets(kafka.bootstrapServers(), "wal-in", 3));
  }

  /**
   * SIGTERM mid-stream: the receivers stop first, Spark outputs what they had stored, and the job commits
   * those last batches itself (the receivers could not). The restart reads on from there: exact counts.
   */
  @Test
  void aSigtermCommitsTheLastBatchesSoARestartCountsNothingTwice(LocalKafka kafka) throws Exception {
    kafka.createTopic("term-in", 3, 1);
    kafka.createTopic("term-out", 1, 1);
    Corpus corpus = Corpus.generate(6000, 14);
    KafkaIo.produceLines(kafka.bootstrapServers(), "term-in", corpus.lines());
    String[] args = {"--bootstrap-server", kafka.bootstrapServers(), "--topic", "term-in", "--group", "term",
        "--from-beginning", "--output-topic", "term-out", "--checkpoint-dir", dir.resolve("checkpoint").toString(),
        "--batch-seconds", "1", "--max-rate", "800", "--master", "local[2]", "--print", "0",
        "--spark-conf", "spark.ui.enabled=false", "--stop-when-idle", "4"};

    List<String> firstRun;
    Map<TopicPartition, Long> ends = KafkaIo.endOffsets(kafka.bootstrapServers(), "term-in", 3);
    try (JavaTool.Running app = JavaTool.app(JAR).start(args)) {
      app.awaitStderr("2 batches with records", Duration.ofSeconds(120),
          lines -> batchesWithRecords(lines) >= 2);
      app.terminate();
      assertThat(app.awaitExit(Duration.ofSeconds(60))).as(String.join("\n", app.stderrLines())).isZero();
      firstRun = app.stderrLines();
    }
    // Spark closes the write-ahead log before its last batches: their warnings, each with a stack trace, are hidden.
    assertThat(firstRun).as(String.join("\n", firstRun)).noneMatch(l -> l.startsWith("\tat "));
    Map<TopicPartition, Long> afterFirst = KafkaIo.committed(kafka.bootstrapServers(), "term");
    long counted = KafkaIo.sumCounts(kafka.bootstrapServers(), "term-out", "read_committed").values().stream()
        .mapToLong(Long::longValue).sum();
    assertThat(afterFirst).as("stopped mid-stream").isNotEqualTo(ends);
    try (JavaTool.Running app = JavaTool.app(JAR).start(args)) {
      assertThat(app.awaitExit(Duration.ofSeconds(180))).as(String.join("\n", app.stderrLines())).isZero();
    }
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "term-out", "read_committed"))
        .as("first run counted %d words, committed %s:\n%s", counted, afterFirst, String.join("\n", firstRun))
        .isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "term")).isEqualTo(ends);
  }

  /**
   * SIGKILL once the job has caught up and sits idle (write-ahead log on): every block was output and
   * committed, so the restart from the checkpoint counts nothing twice and loses nothing.
   */
  @Test
  void aSigkillWhileIdleLeavesNothingToRecount(LocalKafka kafka) throws Exception {
    kafka.createTopic("ridle-in", 2, 1);
    kafka.createTopic("ridle-out", 1, 1);
    Corpus corpus = Corpus.generate(3000, 15);
    KafkaIo.produceLines(kafka.bootstrapServers(), "ridle-in", corpus.lines());
    List<String> args = List.of("--bootstrap-server", kafka.bootstrapServers(), "--topic", "ridle-in", "--group",
        "ridle", "--from-beginning", "--output-topic", "ridle-out", "--checkpoint-dir",
        dir.resolve("checkpoint").toString(), "--batch-seconds", "1", "--master", "local[2]", "--print", "0",
        "--spark-conf", "spark.ui.enabled=false");
    try (JavaTool.Running app = JavaTool.app(JAR).start(args.toArray(new String[0]))) {
      app.awaitStderr("an idle batch at lag 0 after the records", Duration.ofSeconds(120), ProcessIdle::caughtUp);
      app.kill();
    }
    Map<String, Long> first = KafkaIo.sumCounts(kafka.bootstrapServers(), "ridle-out", "read_committed");
    List<String> restart = new ArrayList<>(args);
    restart.addAll(List.of("--stop-when-idle", "3"));
    try (JavaTool.Running app = JavaTool.app(JAR).start(restart.toArray(new String[0]))) {
      assertThat(app.awaitExit(Duration.ofSeconds(120))).as(String.join("\n", app.stderrLines())).isZero();
    }

    assertThat(first).as("all counted before the kill").isEqualTo(corpus.counts());
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "ridle-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "ridle"))
        .isEqualTo(KafkaIo.endOffsets(kafka.bootstrapServers(), "ridle-in", 2));
  }

  /**
   * The lab's command (without the write-ahead log) with the UI on, on a free port: the start line names the
   * UI, and the graceful stop logs no error (Spark's "Deregistered receiver ...: Stopped by driver" is the stop
   * asked for).
   */
  @Test
  void theLabsPositionalCommandNamesTheSparkUiAndStopsWithoutAnErrorLine(LocalKafka kafka) throws Exception {
    kafka.createTopic("lab", 1, 1);
    KafkaIo.produceLines(kafka.bootstrapServers(), "lab", List.of("Hi how are you?", "how are you", "Hi"));
    try (JavaTool.Running app = JavaTool.app(JAR).start(kafka.bootstrapServers(), "lab", "--from-beginning",
        "--no-wal", "--stop-when-idle", "2", "--batch-seconds", "1", "--spark-conf", "spark.ui.port=0")) {
      assertThat(app.awaitExit(Duration.ofSeconds(120))).as(String.join("\n", app.stderrLines())).isZero();
      assertThat(app.stderrLines()).anyMatch(l -> l.startsWith("Receiving topics [lab] from "
          + kafka.bootstrapServers() + " as group 'wordcount-receiver', ")
          && l.matches(".*, write-ahead log off; Spark UI at http://127\\.0\\.0\\.1:\\d+"));
      assertThat(app.stderrLines()).noneMatch(l -> l.contains(" ERROR ") || l.contains("overriding"));
      assertThat(app.stderrLines()).allMatch(l -> l.startsWith("Receiving topics ") || l.startsWith("batch ")
          || l.equals("Stopping: stop condition met") || l.startsWith("summary "));
    }
  }
}
