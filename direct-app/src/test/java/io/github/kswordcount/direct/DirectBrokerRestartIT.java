package io.github.kswordcount.direct;

import static org.awaitility.Awaitility.await;
import static io.github.kswordcount.core.testing.ProgressLines.batchesWithRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.internal.output.FaultPoint.Moment;
import io.github.kswordcount.core.testing.BrokerOutage;
import io.github.kswordcount.core.testing.CapturedErr;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.testing.JobArgs;
import io.github.kswordcount.core.testing.WordTotals;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker stops and starts again on its data dir while the direct job runs: the job rides it out. At a named
 * moment ({@link BrokerOutage}), back within the Kafka timeout: ridden out; away beyond it: one {@code error:} line,
 * exit 1, and the next run counts every record.
 */
class DirectBrokerRestartIT {
  /** A broker of its own: the test restarts it. */
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> { });


  private final CapturedErr err = new CapturedErr();

  @Test
  void exactlyOnceRidesOutABrokerRestartWithoutARestartOfItsOwn(LocalKafka kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("bounce-in", 2, 1);
    kafka.createTopic("bounce-out", 1, 1);
    Corpus corpus = Corpus.generate(6000, 31);
    KafkaIo.produceLines(bootstrap, "bounce-in", corpus.lines());
    List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", "bounce-in", "--group",
        "bounce", "--from-beginning", "--output-topic", "bounce-out", "--exactly-once", "--batch-seconds", "1",
        "--max-rate-per-partition", "300", "--print", "0", "--stop-when-idle", "3", "--master", "local[2]",
        "--spark-conf", "spark.ui.enabled=false"));
    CompletableFuture<Integer> job =
        CompletableFuture.supplyAsync(() -> err.run(DirectApp::run, args.toArray(new String[0])));

    await("two batches with records").atMost(Duration.ofSeconds(90)).pollInSameThread()
        .until(() -> batchesWithRecords(err.lines()) >= 2);
    long stopping = System.nanoTime();
    kafka.stopNode(0);
    long before = batchesWithRecords(err.lines());
    kafka.startNode(0);
    long ready = System.nanoTime();
    await("a batch with records after the restart")
        .atMost(Duration.ofSeconds(120)).pollInSameThread()
        .until(() -> batchesWithRecords(err.lines()) > before);
    // For the reliability report: how long the broker was away, and how long the job took to count again.
    System.err.printf("broker-restart: down %d ms, first batch with records %d ms after it was ready%n",
        (ready - stopping) / 1_000_000, (System.nanoTime() - ready) / 1_000_000);

    assertThat(job.get(240, TimeUnit.SECONDS)).as(String.join("\n", err.lines())).isZero();
    assertThat(err.lines()).noneMatch(l -> l.startsWith("error: "));
    assertThat(KafkaIo.sumCounts(bootstrap, "bounce-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(bootstrap, "bounce")).isEqualTo(KafkaIo.endOffsets(bootstrap, "bounce-in", 2));
  }

  /** Runs the job in this JVM, its stderr alone in {@link #err}; prints how long it took, for the report. */
  private int run(String name, LocalKafka kafka, String... args) {
    err.reset();
    long start = System.nanoTime();
    int exit = err.run(DirectApp::run, JobArgs.local(kafka.bootstrapServers(), args));
    System.err.printf("%s: exit %d after %d ms%n", name, exit, (System.nanoTime() - start) / 1_000_000);
    return exit;
  }

  @Test
  void atLeastOnceABrokerDownWhenTheCommitIsSentIsWaitedOutElseOneErrorLineAndTheNextRunLosesNothing(
      LocalKafka kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("commit-in", 2, 1);
    kafka.createTopic("commit-out", 1, 1);
    Corpus corpus = Corpus.generate(2000, 33);
    KafkaIo.produceLines(bootstrap, "commit-in", corpus.lines());
    String[] args = {"--topic", "commit-in", "--group", "commit", "--from-beginning", "--output-topic",
        "commit-out", "--max-rate-per-partition", "400", "--stop-when-idle", "2"};

    try (BrokerOutage outage = BrokerOutage.stopAt(kafka, Moment.OFFSET_COMMIT)) {
      int exit = run("commit beyond the bound", kafka, concat(args, "--kafka-timeout-seconds", "5"));
      assertThat(outage.happened()).isTrue();
      assertThat(BrokerOutage.assertOneErrorLine(exit, err.lines()))
          .isEqualTo("error: cannot commit offsets of group 'commit': no answer from Kafka within 5000 ms");
    }
    assertThat(KafkaIo.committed(bootstrap, "commit")).isEmpty();

    try (BrokerOutage outage = BrokerOutage.restartAt(kafka, Moment.OFFSET_COMMIT)) {
      int exit = run("commit within the bound", kafka, concat(args, "--kafka-timeout-seconds", "10"));
      assertThat(outage.happened()).isTrue();
      assertThat(exit).as(String.join("\n", err.lines())).isZero();
      System.err.println("commit within the bound: broker away " + outage.downMs() + " ms");
    }
    assertThat(err.lines()).noneMatch(l -> l.startsWith("error: "));
    assertThat(KafkaIo.committed(bootstrap, "commit")).isEqualTo(KafkaIo.endOffsets(bootstrap, "commit-in", 2));
    long twice = WordTotals.noneBelow(KafkaIo.sumCounts(bootstrap, "commit-out", "read_committed"), corpus.counts());
    System.err.println("commit: words counted twice " + twice);
  }

  @Test
  void exactlyOnceABrokerDownInTheTransactionsCommitIsWaitedOutElseOneErrorLineAndTheNextRunIsExact(
      LocalKafka kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("eo-commit-in", 2, 1);
    kafka.createTopic("eo-commit-out", 1, 1);
    Corpus corpus = Corpus.generate(2000, 34);
    KafkaIo.produceLines(bootstrap, "eo-commit-in", corpus.lines());
    // The writer's calls wait twice the Kafka timeout: 10 s here.
    String[] args = {"--topic", "eo-commit-in", "--group", "eo-commit", "--from-beginning", "--output-topic",
        "eo-commit-out", "--exactly-once", "--max-rate-per-partition", "400", "--stop-when-idle", "2",
        "--kafka-timeout-seconds", "5"};

    try (BrokerOutage outage = BrokerOutage.stopAt(kafka, Moment.COMMIT_TRANSACTION)) {
      int exit = run("eo commit beyond the bound", kafka, args);
      assertThat(outage.happened()).isTrue();
      assertThat(BrokerOutage.assertOneErrorLine(exit, err.lines()))
          .isEqualTo("error: transaction for 'eo-commit-out' not known to be committed: Timeout expired after "
              + "10000ms while awaiting EndTxn(true) (a restart counts the batch unless its commit went through)");
    }
    assertThat(KafkaIo.committed(bootstrap, "eo-commit")).isEmpty();

    // Two outages in the first batch with records: before its offsets join the transaction, and before its commit.
    try (BrokerOutage offsets = BrokerOutage.restartAt(kafka, Moment.SEND_OFFSETS_TO_TRANSACTION);
        BrokerOutage commit = BrokerOutage.restartAt(kafka, Moment.COMMIT_TRANSACTION)) {
      int exit = run("eo commit within the bound", kafka, args);
      assertThat(offsets.happened()).isTrue();
      assertThat(commit.happened()).isTrue();
      assertThat(exit).as(String.join("\n", err.lines())).isZero();
      System.err.println("eo commit within the bound: broker away " + offsets.downMs() + " and " + commit.downMs()
          + " ms");
    }
    assertThat(err.lines()).noneMatch(l -> l.startsWith("error: "));
    assertThat(KafkaIo.committed(bootstrap, "eo-commit"))
        .isEqualTo(KafkaIo.endOffsets(bootstrap, "eo-commit-in", 2));
    assertThat(KafkaIo.sumCounts(bootstrap, "eo-commit-out", "read_committed")).isEqualTo(corpus.counts());
  }

  /**
   * SIGTERM as the commit of a batch with records is sent, with the broker down: the graceful stop's last commit.
   * The signal is raised in this JVM, where the job's handler (installed by its run) takes it.
   */
  @Test
  void aBrokerDownAsTheGracefulStopCommitsIsWaitedOutElseOneErrorLineAndTheNextRunLosesNothing(LocalKafka kafka)
      throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("stop-in", 2, 1);
    kafka.createTopic("stop-out", 1, 1);
    Corpus corpus = Corpus.generate(2000, 35);
    KafkaIo.produceLines(bootstrap, "stop-in", corpus.slice(0, 1000).lines());
    String[] args = {"--topic", "stop-in", "--group", "stop", "--from-beginning", "--output-topic", "stop-out",
        "--max-rate-per-partition", "200"};
    Runnable sigterm = () -> sun.misc.Signal.raise(new sun.misc.Signal("TERM"));

    try (BrokerOutage outage = BrokerOutage.stopAt(kafka, Moment.OFFSET_COMMIT, sigterm)) {
      int exit = run("stop beyond the bound", kafka, concat(args, "--kafka-timeout-seconds", "5"));
      assertThat(outage.happened()).isTrue();
      assertThat(err.lines()).contains("Stopping: finishing the running batch");
      assertThat(BrokerOutage.assertOneErrorLine(exit, err.lines()))
          .isEqualTo("error: cannot commit offsets of group 'stop': no answer from Kafka within 5000 ms");
    }
    assertThat(KafkaIo.committed(bootstrap, "stop")).isEmpty();

    KafkaIo.produceLines(bootstrap, "stop-in", corpus.slice(1000, 2000).lines());
    try (BrokerOutage outage = BrokerOutage.restartAt(kafka, Moment.OFFSET_COMMIT, sigterm)) {
      int exit = run("stop within the bound", kafka, concat(args, "--kafka-timeout-seconds", "10"));
      assertThat(outage.happened()).isTrue();
      assertThat(exit).as(String.join("\n", err.lines())).isZero();
      assertThat(err.lines()).contains("Stopping: finishing the running batch");
      System.err.println("stop within the bound: broker away " + outage.downMs() + " ms");
    }
    assertThat(err.lines()).noneMatch(l -> l.startsWith("error: "));
    // The stop commits what it output: the next run (no outage) starts there and counts the rest.
    assertThat(run("stop after", kafka, concat(args, "--stop-when-idle", "2"))).isZero();
    assertThat(KafkaIo.committed(bootstrap, "stop")).isEqualTo(KafkaIo.endOffsets(bootstrap, "stop-in", 2));
    long twice = WordTotals.noneBelow(KafkaIo.sumCounts(bootstrap, "stop-out", "read_committed"), corpus.counts());
    System.err.println("stop: words counted twice " + twice);
  }

  private static String[] concat(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }
}
