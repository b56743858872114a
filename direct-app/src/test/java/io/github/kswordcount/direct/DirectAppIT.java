package io.github.kswordcount.direct;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.CapturedErr;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.testing.JobArgs;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The direct job in this JVM against a real broker: exact totals, restarts, patterns, bad input. */
@ExtendWith(LocalKafkaExtension.class)
class DirectAppIT {

  private static final Pattern PROGRESS = Pattern.compile(
      "batch time=\\d+ records=\\d+ words=\\d+ distinct=\\d+ processing_ms=\\d+ delay_ms=\\d+ rate=\\d+/s lag=\\d+");

  @TempDir Path checkpoint;

  private final CapturedErr err = new CapturedErr();

  private int run(LocalKafka kafka, String... args) {
    return err.run(DirectApp::run, JobArgs.local(kafka.bootstrapServers(), args));
  }

  @Test
  void countsAKnownCorpusExactlyOverThreePartitionsAndCommitsEveryOffset(LocalKafka kafka) {
    kafka.createTopic("exact-in", 3, 1);
    kafka.createTopic("exact-out", 1, 1);
    Corpus corpus = Corpus.generate(3000, 1);
    KafkaIo.produceLines(kafka.bootstrapServers(), "exact-in", corpus.lines());

    int status = run(kafka, "--topic", "exact-in", "--group", "exact", "--from-beginning",
        "--output-topic", "exact-out", "--stop-when-idle", "2");

    assertThat(status).as(String.join("\n", err.lines())).isZero();
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "exact-out", "read_committed"))
        .isEqualTo(corpus.counts());
    // The UI is off here (spark.ui.enabled=false), so the start line names none.
    assertThat(err.lines()).contains("Reading topics [exact-in] from " + kafka.bootstrapServers()
        + " as group 'exact', batches of 1000 ms on local[2]");
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "exact"))
        .isEqualTo(KafkaIo.endOffsets(kafka.bootstrapServers(), "exact-in", 3));
    List<String> progress = err.lines().stream().filter(l -> l.startsWith("batch ")).toList();
    assertThat(progress).allMatch(l -> PROGRESS.matcher(l).matches());
    assertThat(progress.get(progress.size() - 1)).endsWith(" lag=0");
    long recordsInLines = progress.stream()
        .mapToLong(l -> Long.parseLong(l.replaceAll(".* records=(\\d+) .*", "$1"))).sum();
    assertThat(recordsInLines).isEqualTo(3000);
    assertThat(err.lines()).anyMatch(l -> l.startsWith("summary batches=") && l.contains(" records=3000 ")
        && l.contains(" lag=0") && l.endsWith(" skipped=0 replaced=0"));
  }

  @Test
  void restartsWithTheSameGroupWhereItStoppedNeitherMissingNorRecounting(LocalKafka kafka) {
    kafka.createTopic("restart-in", 3, 1);
    kafka.createTopic("restart-out", 1, 1);
    Corpus corpus = Corpus.generate(2000, 2);
    KafkaIo.produceLines(kafka.bootstrapServers(), "restart-in", corpus.slice(0, 1200).lines());
    String[] args = {"--topic", "restart-in", "--group", "restart", "--from-beginning", "--output-topic",
        "restart-out", "--stop-when-idle", "1"};

    assertThat(run(kafka, args)).isZero();
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "restart-out", "read_committed"))
        .isEqualTo(corpus.slice(0, 1200).counts());

    KafkaIo.produceLines(kafka.bootstrapServers(), "restart-in", corpus.slice(1200, 2000).lines());
    assertThat(run(kafka, args)).isZero();
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "restart-out", "read_committed"))
        .isEqualTo(corpus.counts());
  }

  @Test
  void runningTotalsEndAtTheCorpusCountsAndSurviveARestartFromTheCheckpoint(LocalKafka kafka) {
    kafka.createTopic("totals-in", 2, 1);
    kafka.createTopic("totals-out", 1, 1);
    Corpus corpus = Corpus.generate(1500, 6);
    String[] args = {"--topic", "totals-in", "--group", "totals", "--from-beginning", "--output-topic", "totals-out",
        "--running-totals", "--checkpoint-dir", checkpoint.toString(), "--stop-when-idle", "2"};

    KafkaIo.produceLines(kafka.bootstrapServers(), "totals-in", corpus.slice(0, 900).lines());
    assertThat(run(kafka, args)).as(String.join("\n", err.lines())).isZero();
    assertThat(KafkaIo.lastCounts(kafka.bootstrapServers(), "totals-out", "read_committed"))
        .isEqualTo(corpus.slice(0, 900).counts());

    KafkaIo.produceLines(kafka.bootstrapServers(), "totals-in", corpus.slice(900, 1500).lines());
    assertThat(run(kafka, args)).as(String.join("\n", err.lines())).isZero();
    assertThat(KafkaIo.lastCounts(kafka.bootstrapServers(), "totals-out", "read_committed"))
        .isEqualTo(corpus.counts());
  }

  @Test
  void includeReadsEveryMatchingTopicAndNoOther(LocalKafka kafka) {
    kafka.createTopic("inc-a", 2, 1);
    kafka.createTopic("inc-b", 1, 1);
    kafka.createTopic("other", 1, 1);
    kafka.createTopic("inc-out", 1, 1);
    KafkaIo.produceLines(kafka.bootstrapServers(), "inc-a", List.of("alpha beta", "alpha"));
    KafkaIo.produceLines(kafka.bootstrapServers(), "inc-b", List.of("beta gamma"));
    KafkaIo.produceLines(kafka.bootstrapServers(), "other", List.of("never counted"));

    int status = run(kafka, "--include", "inc-[ab]", "--group", "inc", "--from-beginning",
        "--output-topic", "inc-out", "--stop-when-idle", "2");

    assertThat(status).as(String.join("\n", err.lines())).isZero();
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "inc-out", "read_committed"))
        .isEqualTo(Map.of("alpha", 2L, "beta", 2L, "gamma", 1L));
  }

  @Test
  void includePicksUpAMatchingTopicCreatedWhileTheJobRuns(LocalKafka kafka) throws Exception {
    kafka.createTopic("late-a", 1, 1);
    kafka.createTopic("late-out", 1, 1);
    KafkaIo.produceLines(kafka.bootstrapServers(), "late-a", List.of("early"));
    CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> run(kafka, "--include", "late-[a-z]",
        "--group", "late", "--from-beginning", "--output-topic", "late-out", "--stop-when-idle", "12"));
    await("the first topic counted").atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> err.lines().stream()
        .anyMatch(l -> l.startsWith("batch ") && l.contains(" records=1 ")));
    kafka.createTopic("late-b", 1, 1);
    KafkaIo.produceLines(kafka.bootstrapServers(), "late-b", List.of("late late"));

    assertThat(job.get(120, TimeUnit.SECONDS)).as(String.join("\n", err.lines())).isZero();
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "late-out", "read_committed"))
        .isEqualTo(Map.of("early", 1L, "late", 2L));
  }

  @Test
  void tombstonesAreSkippedInvalidUtf8IsReplacedAndEmptyBlankAndCrlfValuesCountExactly(LocalKafka kafka) {
    kafka.createTopic("bad-in", 1, 1);
    kafka.createTopic("bad-out", 1, 1);
    List<byte[]> values = new ArrayList<>();
    values.add("ok ok".getBytes(StandardCharsets.UTF_8));
    values.add(null);
    values.add(new byte[] {'x', ' ', (byte) 0xFF});
    values.add(new byte[0]); // an empty line: a record, no word
    values.add(" \t ".getBytes(StandardCharsets.UTF_8)); // only whitespace: the same
    values.add("a b\r\n".getBytes(StandardCharsets.UTF_8)); // CRLF text from another producer: \r is no word's
    values.add("crlf\r\nline two".getBytes(StandardCharsets.UTF_8));
    KafkaIo.produceValues(kafka.bootstrapServers(), "bad-in", values);

    int status = run(kafka, "--topic", "bad-in", "--group", "bad", "--from-beginning", "--output-topic", "bad-out",
        "--stop-when-idle", "1");

    assertThat(status).isZero();
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "bad-out", "read_committed"))
        .isEqualTo(Map.of("ok", 2L, "x", 1L, "\uFFFD", 1L, "a", 1L, "b", 1L, "crlf", 1L, "line", 1L, "two", 1L));
    assertThat(err.lines()).anyMatch(l -> l.startsWith("summary ") && l.contains(" records=7 words=9 ")
        && l.endsWith(" skipped=1 replaced=1"));
  }

  @Test
  void aTopicThatDoesNotExistIsAClearErrorAndIsNotCreated(LocalKafka kafka) {
    int status = run(kafka, "--topic", "no-such-topic");
    assertThat(status).isEqualTo(1);
    assertThat(err.lines()).containsExactly("error: topic 'no-such-topic' does not exist on "
        + kafka.bootstrapServers() + " (the job never creates topics: create it first)");
  }

  @Test
  void badOptionsPrintTheErrorAndTheUsageAndExitTwo() {
    assertThat(err.run(DirectApp::run, "--bootstrap-server", "h:1", "--topic", "t", "--exactly-once"))
        .isEqualTo(2);
    assertThat(err.lines().get(0)).isEqualTo("error: --exactly-once needs --output-topic");
    assertThat(err.lines()).anyMatch(l -> l.startsWith("Usage: direct-app"));
  }
}
