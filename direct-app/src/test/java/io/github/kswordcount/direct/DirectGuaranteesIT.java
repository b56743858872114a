package io.github.kswordcount.direct;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.CapturedErr;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.testing.JobArgs;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct job's guarantees where things go wrong, in this JVM against a real broker: a refused write, a new
 * exactly-once group, transactional input, a reused checkpoint, patterns that would read the wrong topics.
 */
@ExtendWith(LocalKafkaExtension.class)
class DirectGuaranteesIT {

  @TempDir Path checkpoint;

  private final CapturedErr err = new CapturedErr();

  private int run(LocalKafka kafka, String... args) {
    return err.run(DirectApp::run, JobArgs.local(kafka.bootstrapServers(), args));
  }

  @Test
  void aWriteTheBrokerRefusesEndsTheRunWithoutCommittingAndARestartCountsEverything(LocalKafka kafka) {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("refused-in", 2, 1);
    // Smaller than any record batch: the broker refuses every write with MESSAGE_TOO_LARGE.
    kafka.createTopic("refused-out", 1, 1, Map.of("max.message.bytes", "16"));
    Corpus corpus = Corpus.generate(200, 11);
    KafkaIo.produceLines(bootstrap, "refused-in", corpus.lines());
    String[] args = {"--topic", "refused-in", "--group", "refused", "--from-beginning", "--output-topic", "refused-out",
        "--stop-when-idle", "2", "--kafka-timeout-seconds", "5"};

    long start = System.nanoTime();
    assertThat(run(kafka, args)).as(err.text()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(90));
    assertThat(err.lines()).filteredOn(l -> l.startsWith("error: ")).hasSize(1).first().asString()
        .contains("refused-out").contains(" not acknowledged within 5 s: ");
    assertThat(KafkaIo.committed(bootstrap, "refused")).isEmpty();
    assertThat(KafkaIo.readAll(bootstrap, "refused-out", "read_uncommitted")).isEmpty();

    KafkaIo.deleteTopicConfig(bootstrap, "refused-out", "max.message.bytes");
    err.reset();
    assertThat(run(kafka, args)).as(err.text()).isZero();
    assertThat(KafkaIo.sumCounts(bootstrap, "refused-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(bootstrap, "refused")).isEqualTo(KafkaIo.endOffsets(bootstrap, "refused-in", 2));
  }

  @Test
  void exactlyOnceWithANewGroupCountsWhatArrivedWhileItWasDown(LocalKafka kafka) {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("new-group-in", 2, 1);
    kafka.createTopic("new-group-out", 1, 1);
    String[] args = {"--topic", "new-group-in", "--group", "new-group", "--exactly-once", "--output-topic",
        "new-group-out", "--stop-when-idle", "2"};

    assertThat(run(kafka, args)).as(err.text()).isZero();
    assertThat(KafkaIo.committed(bootstrap, "new-group")).isEqualTo(KafkaIo.endOffsets(bootstrap, "new-group-in", 2));

    Corpus corpus = Corpus.generate(20, 12);
    KafkaIo.produceLines(bootstrap, "new-group-in", corpus.lines());
    assertThat(CompletableFuture.supplyAsync(() -> run(kafka, args))).as(err.text())
        .succeedsWithin(Duration.ofSeconds(90)).isEqualTo(0);
    assertThat(KafkaIo.sumCounts(bootstrap, "new-group-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(bootstrap, "new-group")).isEqualTo(KafkaIo.endOffsets(bootstrap, "new-group-in", 2));
    assertThat(err.lines()).anyMatch(l -> l.startsWith("summary ") && l.contains(" lag=0"));
  }

  @Test
  void readsATopicWrittenInTransactionsToItsEndCountingOnlyCommittedRecords(LocalKafka kafka) {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("tx-in", 1, 1);
    kafka.createTopic("tx-out", 1, 1);
    KafkaIo.produceInTransaction(bootstrap, "tx-in", List.of("one two", "two"), true);
    KafkaIo.produceInTransaction(bootstrap, "tx-in", List.of("aborted aborted"), false);
    KafkaIo.produceInTransaction(bootstrap, "tx-in", List.of("three"), true);
    String[] args = {"--topic", "tx-in", "--group", "tx", "--from-beginning", "--output-topic", "tx-out",
        "--stop-when-idle", "2"};

    assertThat(CompletableFuture.supplyAsync(() -> run(kafka, args))).as(err.text())
        .succeedsWithin(Duration.ofSeconds(60)).isEqualTo(0);
    assertThat(KafkaIo.sumCounts(bootstrap, "tx-out", "read_committed"))
        .isEqualTo(Map.of("one", 1L, "two", 2L, "three", 1L));
    // 3 committed records + 1 aborted + 3 markers: the group holds the end, past the last marker.
    assertThat(KafkaIo.committed(bootstrap, "tx")).isEqualTo(KafkaIo.endOffsets(bootstrap, "tx-in", 1));
    assertThat(err.lines()).anyMatch(l -> l.startsWith("summary ") && l.contains(" records=3 ") && l.contains(" lag=0"));
  }

  @Test
  void aTwoStagePipelineReadsTheExactlyOnceOutputOfTheFirstStage(LocalKafka kafka) {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("stage-a", 2, 1);
    kafka.createTopic("stage-b", 2, 1);
    kafka.createTopic("stage-c", 1, 1);
    Corpus corpus = Corpus.generate(600, 13);
    KafkaIo.produceLines(bootstrap, "stage-a", corpus.lines());

    assertThat(run(kafka, "--topic", "stage-a", "--group", "stage-1", "--from-beginning", "--exactly-once",
        "--output-topic", "stage-b", "--stop-when-idle", "2")).as(err.text()).isZero();
    assertThat(KafkaIo.sumCounts(bootstrap, "stage-b", "read_committed")).isEqualTo(corpus.counts());

    // Stage 2 counts the count values of stage 1 ("3", "1", ...): words of the values B holds.
    assertThat(CompletableFuture.supplyAsync(() -> run(kafka, "--topic", "stage-b", "--group", "stage-2",
        "--from-beginning", "--output-topic", "stage-c", "--stop-when-idle", "2")))
        .as(err.text()).succeedsWithin(Duration.ofSeconds(90)).isEqualTo(0);
    List<String> values = KafkaIo.readAll(bootstrap, "stage-b", "read_committed").stream()
        .map(ConsumerRecord::value).map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    assertThat(KafkaIo.sumCounts(bootstrap, "stage-c", "read_committed")).isEqualTo(Corpus.countOf(values));
    assertThat(KafkaIo.committed(bootstrap, "stage-1")).isEqualTo(KafkaIo.endOffsets(bootstrap, "stage-a", 2));
    assertThat(KafkaIo.committed(bootstrap, "stage-2")).isEqualTo(KafkaIo.endOffsets(bootstrap, "stage-b", 2));
  }

  @Test
  void aCheckpointOfAJobWithOtherOptionsIsRefusedNamingTheDifference(LocalKafka kafka) {
    kafka.createTopic("ckpt-a", 1, 1);
    kafka.createTopic("ckpt-b", 1, 1);
    KafkaIo.produceLines(kafka.bootstrapServers(), "ckpt-a", List.of("a"));
    assertThat(run(kafka, "--topic", "ckpt-a", "--group", "ckpt", "--from-beginning", "--checkpoint-dir",
        checkpoint.toString(), "--stop-when-idle", "1")).as(err.text()).isZero();

    err.reset();
    assertThat(run(kafka, "--topic", "ckpt-b", "--group", "ckpt", "--from-beginning", "--checkpoint-dir",
        checkpoint.toString(), "--stop-when-idle", "1")).isEqualTo(2);
    assertThat(err.lines()).hasSize(1).first().asString()
        .startsWith("error: checkpoint directory '" + checkpoint + "' belongs to another job: topics was [ckpt-a], now [ckpt-b]");
  }

  @Test
  void anIncludeThatMatchesTheOutputTopicIsRefused(LocalKafka kafka) {
    assertThat(run(kafka, "--include", "loop-.*", "--output-topic", "loop-out")).isEqualTo(2);
    assertThat(err.lines().get(0)).isEqualTo(
        "error: --include 'loop-.*' matches --output-topic 'loop-out': the job would count its own output");
  }

  @Test
  void includeNeverReadsInternalTopics(LocalKafka kafka) {
    kafka.createTopic("plain", 1, 1);
    KafkaIo.produceLines(kafka.bootstrapServers(), "plain", List.of("only these words"));
    // Another group's commit makes sure __consumer_offsets exists and holds records.
    assertThat(run(kafka, "--topic", "plain", "--group", "first", "--from-beginning", "--stop-when-idle", "1"))
        .as(err.text()).isZero();

    err.reset();
    // Other tests' topics share this broker: the pattern names internal topics and ours.
    assertThat(run(kafka, "--include", "__.*|plain", "--group", "everything", "--from-beginning", "--stop-when-idle", "2"))
        .as(err.text()).isZero();
    assertThat(err.lines()).anyMatch(l -> l.startsWith("summary ") && l.contains(" records=1 "));
  }

  @Test
  void aTopicFoundByIncludeAfterTheStartIsReadFromItsFirstRecord(LocalKafka kafka) throws Exception {
    kafka.createTopic("found-a", 1, 1);
    kafka.createTopic("found-out", 1, 1);
    CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> run(kafka, "--include", "found-[a-z]",
        "--group", "found", "--output-topic", "found-out", "--stop-when-idle", "10"));
    await("the job's first batch").atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> err.lines().stream()
        .anyMatch(l -> l.startsWith("batch ")));
    kafka.createTopic("found-b", 1, 1);
    // Written at once, before the job can have seen the topic: counted all the same.
    KafkaIo.produceLines(kafka.bootstrapServers(), "found-b", List.of("before discovery"));

    assertThat(job.get(120, TimeUnit.SECONDS)).as(err.text()).isZero();
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "found-out", "read_committed"))
        .isEqualTo(Map.of("before", 1L, "discovery", 1L));
  }

  @Test
  void aTopicDeletedWhileAnIncludeJobRunsIsDroppedWithOneWarning(LocalKafka kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("del-a", 1, 1);
    kafka.createTopic("del-b", 1, 1);
    kafka.createTopic("del-out", 1, 1);
    KafkaIo.produceLines(bootstrap, "del-b", List.of("doomed"));
    CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> run(kafka, "--include", "del-[ab]",
        "--group", "del", "--from-beginning", "--output-topic", "del-out", "--stop-when-idle", "8"));
    await("the doomed record counted").atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> err.lines().stream()
        .anyMatch(l -> l.startsWith("batch ") && l.contains(" records=1 ")));
    KafkaIo.deleteTopic(bootstrap, "del-b");
    KafkaIo.produceLines(bootstrap, "del-a", List.of("survivor"));

    assertThat(job.get(120, TimeUnit.SECONDS)).as(err.text()).isZero();
    assertThat(KafkaIo.sumCounts(bootstrap, "del-out", "read_committed"))
        .isEqualTo(Map.of("doomed", 1L, "survivor", 1L));
    assertThat(KafkaIo.committed(bootstrap, "del")).isEqualTo(KafkaIo.endOffsets(bootstrap, "del-a", 1));
  }

  @Test
  void aNamedTopicDeletedWhileTheJobRunsEndsItWithOneErrorLine(LocalKafka kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("gone", 1, 1);
    KafkaIo.produceLines(bootstrap, "gone", List.of("first"));
    CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> run(kafka, "--topic", "gone",
        "--group", "gone", "--from-beginning"));
    await("the first record counted").atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> err.lines().stream()
        .anyMatch(l -> l.startsWith("batch ") && l.contains(" records=1 ")));
    KafkaIo.deleteTopic(bootstrap, "gone");

    assertThat(job.get(90, TimeUnit.SECONDS)).as(err.text()).isEqualTo(1);
    assertThat(err.lines()).filteredOn(l -> l.startsWith("error: ")).containsExactly(
        "error: topic partitions [gone-0] were deleted while the job ran");
  }

  @Test
  void aWindowCommitsOnlyWhenItIsWrittenSoAStopBeforeTheSlideRecountsNothingAndLosesNothing(LocalKafka kafka) {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("window-in", 1, 1);
    kafka.createTopic("window-out", 1, 1);
    Corpus corpus = Corpus.generate(300, 14);
    KafkaIo.produceLines(bootstrap, "window-in", corpus.lines());

    // Two batches, then a clean stop: the first 10 s window has not ended, so nothing was written.
    assertThat(run(kafka, "--topic", "window-in", "--group", "window", "--from-beginning", "--output-topic",
        "window-out", "--window", "10", "--slide", "10", "--max-batches", "2")).as(err.text()).isZero();
    assertThat(KafkaIo.readAll(bootstrap, "window-out", "read_uncommitted")).isEmpty();
    assertThat(KafkaIo.committed(bootstrap, "window")).isEmpty();

    err.reset();
    assertThat(run(kafka, "--topic", "window-in", "--group", "window", "--from-beginning", "--output-topic",
        "window-out", "--window", "10", "--slide", "10", "--stop-when-idle", "3")).as(err.text()).isZero();
    assertThat(KafkaIo.sumCounts(bootstrap, "window-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(bootstrap, "window")).isEqualTo(KafkaIo.endOffsets(bootstrap, "window-in", 1));
  }

  @Test
  void aCheckpointDirInUseByARunningJobIsRefused(LocalKafka kafka) throws Exception {
    kafka.createTopic("locked", 1, 1);
    // The lock a running job holds; another process gets the same answer from the operating system.
    try (FileChannel channel = FileChannel.open(checkpoint.resolve("wordcount-job.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = channel.lock()) {
      assertThat(run(kafka, "--topic", "locked", "--checkpoint-dir", checkpoint.toString())).isEqualTo(2);
    }
    assertThat(err.lines()).containsExactly("error: checkpoint directory '" + checkpoint + "' is in use by another "
        + "running job (wordcount-job.lock is locked): give each running job its own --checkpoint-dir");
  }
}
