package io.github.kswordcount.receiverapp;

import static org.awaitility.Awaitility.await;
import static io.github.kswordcount.core.testing.ProgressLines.batchesWithRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.internal.output.FaultPoint.Moment;
import io.github.kswordcount.core.testing.BrokerOutage;
import io.github.kswordcount.core.testing.CapturedErr;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.testing.JobArgs;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.core.testing.WordTotals;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops and starts again on its data dir while the receiver job runs (write-ahead log on): the
 * job rides it out without a restart of its own, and no word is lost.
 */
class ReceiverBrokerRestartIT {
  /** A broker of its own: the test restarts it. */
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> { });


  @TempDir Path dir;

  private final CapturedErr err = new CapturedErr();

  @Test
  void theReceiversRideOutABrokerRestartAndLoseNothing(LocalKafka kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("rbounce-in", 2, 1);
    kafka.createTopic("rbounce-out", 1, 1);
    Corpus corpus = Corpus.generate(6000, 32);
    KafkaIo.produceLines(bootstrap, "rbounce-in", corpus.lines());
    String[] args = {"--bootstrap-server", bootstrap, "--topic", "rbounce-in", "--group", "rbounce",
        "--from-beginning", "--output-topic", "rbounce-out", "--batch-seconds", "1", "--max-rate", "600",
        "--print", "0", "--stop-when-idle", "4", "--master", "local[2]", "--checkpoint-dir",
        dir.resolve("checkpoint").toString(), "--spark-conf", "spark.ui.enabled=false"};
    CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> err.run(ReceiverApp::run, args));

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
    System.err.printf("receiver broker-restart: down %d ms, first batch with records %d ms after it was ready%n",
        (ready - stopping) / 1_000_000, (System.nanoTime() - ready) / 1_000_000);

    assertThat(job.get(240, TimeUnit.SECONDS)).as(String.join("\n", err.lines())).isZero();
    assertThat(err.lines()).noneMatch(l -> l.startsWith("error: "));
    long extra = WordTotals.noneBelow(KafkaIo.sumCounts(bootstrap, "rbounce-out", "read_committed"), corpus.counts());
    System.err.println("receiver broker-restart: words counted twice " + extra);
    assertThat(KafkaIo.committed(bootstrap, "rbounce")).isEqualTo(KafkaIo.endOffsets(bootstrap, "rbounce-in", 2));
  }

  /**
   * The broker gone as a batch's counted offsets are announced (the hand-over to the receivers' commit): beyond the
   * Kafka timeout one error line and exit 1; the restart from the checkpoint rides out the broker restarted as its
   * receiver starts and again as it announces, and no word is lost.
   */
  @Test
  void aBrokerDownAtTheHandOverOrTheReceiverStartIsWaitedOutElseOneErrorLineAndTheRestartLosesNothing(
      LocalKafka kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("rhand-in", 2, 1);
    kafka.createTopic("rhand-out", 1, 1);
    Corpus corpus = Corpus.generate(2000, 36);
    KafkaIo.produceLines(bootstrap, "rhand-in", corpus.lines());
    List<String> args = List.of("--topic", "rhand-in", "--group", "rhand", "--from-beginning", "--output-topic",
        "rhand-out", "--max-rate", "800", "--stop-when-idle", "3", "--kafka-timeout-seconds", "8",
        "--checkpoint-dir", dir.resolve("hand-checkpoint").toString());

    try (BrokerOutage outage = BrokerOutage.stopAt(kafka, Moment.COUNTED_ANNOUNCEMENT)) {
      int exit = run("hand-over beyond the bound", kafka, args);
      assertThat(outage.happened()).isTrue();
      assertThat(BrokerOutage.assertOneErrorLine(exit, err.lines()))
          .isEqualTo("error: cannot write the counted offsets of group 'rhand.counted': no answer from Kafka within "
              + "8000 ms");
    }
    // Nothing was announced, so the receivers committed only where they started.
    assertThat(KafkaIo.committed(bootstrap, "rhand").values()).containsOnly(0L);

    try (BrokerOutage start = BrokerOutage.restartAt(kafka, Moment.RECEIVER_START);
        BrokerOutage handOver = BrokerOutage.restartAt(kafka, Moment.COUNTED_ANNOUNCEMENT)) {
      // The same command line: the Kafka timeout is part of the checkpoint's identity.
      int exit = run("hand-over within the bound", kafka, args);
      assertThat(start.happened()).isTrue();
      assertThat(handOver.happened()).isTrue();
      assertThat(exit).as(String.join("\n", err.lines())).isZero();
      System.err.println("hand-over within the bound: broker away " + start.downMs() + " and " + handOver.downMs()
          + " ms");
    }
    assertThat(err.lines()).noneMatch(l -> l.startsWith("error: "));
    assertThat(KafkaIo.committed(bootstrap, "rhand")).isEqualTo(KafkaIo.endOffsets(bootstrap, "rhand-in", 2));
    long twice = WordTotals.noneBelow(KafkaIo.sumCounts(bootstrap, "rhand-out", "read_committed"), corpus.counts());
    System.err.println("hand-over: words counted twice " + twice);
  }

  /**
   * The broker gone as a graceful stop commits the last batches' offsets for the receivers (stopped first, they could
   * not): beyond the Kafka timeout one error line and exit 1, since the stop did not end where it says, and the next
   * run reads those records again; the broker back within it: exit 0, the group at the end offsets. No word lost.
   */
  @Test
  void aBrokerDownAsTheGracefulStopHandsOverIsWaitedOutElseOneErrorLineAndTheNextRunLosesNothing(LocalKafka kafka)
      throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("rstop-in", 2, 1);
    kafka.createTopic("rstop-out", 1, 1);
    Corpus corpus = Corpus.generate(2000, 37);
    KafkaIo.produceLines(bootstrap, "rstop-in", corpus.slice(0, 1000).lines());
    List<String> args = List.of("--topic", "rstop-in", "--group", "rstop", "--from-beginning", "--output-topic",
        "rstop-out", "--stop-when-idle", "2", "--kafka-timeout-seconds", "6", "--no-wal");

    try (BrokerOutage outage = BrokerOutage.stopAt(kafka, Moment.STOP_HAND_OVER)) {
      int exit = run("stop's hand-over beyond the bound", kafka, args);
      assertThat(outage.happened()).isTrue();
      assertThat(BrokerOutage.assertOneErrorLine(exit, err.lines())).startsWith("error: cannot ")
          .contains("group 'rstop'").endsWith(" after the stop: the next run reads the last batches again");
    }
    KafkaIo.produceLines(bootstrap, "rstop-in", corpus.slice(1000, 2000).lines());
    try (BrokerOutage handOver = BrokerOutage.restartAt(kafka, Moment.STOP_HAND_OVER)) {
      int exit = run("stop's hand-over within the bound", kafka, args);
      assertThat(handOver.happened()).isTrue();
      assertThat(exit).as(String.join("\n", err.lines())).isZero();
      System.err.println("stop's hand-over within the bound: broker away " + handOver.downMs() + " ms");
    }
    assertThat(err.lines()).noneMatch(l -> l.startsWith("error: "));
    assertThat(KafkaIo.committed(bootstrap, "rstop")).isEqualTo(KafkaIo.endOffsets(bootstrap, "rstop-in", 2));
    long twice = WordTotals.noneBelow(KafkaIo.sumCounts(bootstrap, "rstop-out", "read_committed"), corpus.counts());
    System.err.println("stop's hand-over: words counted twice " + twice);
  }

  private int run(String name, LocalKafka kafka, List<String> args, String... more) {
    err.reset();
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    long begin = System.nanoTime();
    int exit = err.run(ReceiverApp::run, JobArgs.local(kafka.bootstrapServers(), all.toArray(new String[0])));
    System.err.printf("%s: exit %d after %d ms%n", name, exit, (System.nanoTime() - begin) / 1_000_000);
    return exit;
  }
}
