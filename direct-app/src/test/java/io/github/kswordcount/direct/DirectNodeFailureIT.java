package io.github.kswordcount.direct;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.CapturedErr;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.core.testing.NodeStops;
import io.github.kswordcount.core.testing.WordTotals;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The direct job on three nodes with {@code min.insync.replicas=2} (node 0 the only controller, so the quorum
 * outlives the other two): with one node stopped it goes on; with a second stopped, no write with
 * {@code acks=all} can succeed, so the job says why in a {@code stalled} line while the batch waits, then ends
 * with one {@code error:} line naming {@code NOT_ENOUGH_REPLICAS}, without committing the batch it could not
 * write. With the nodes back, a restart counts every word at least once.
 */
class DirectNodeFailureIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder.nodes(3).controllers(1)
      .brokerConfig("min.insync.replicas", "2"));

  private final CapturedErr err = new CapturedErr();

  @Test
  void oneNodeStoppedTheJobGoesOnTwoStoppedItSaysWhyItStallsThenEndsAndARestartLosesNothing(LocalKafka kafka)
      throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("nodes-in", 3, 3);
    kafka.createTopic("nodes-out", 1, 3);
    Corpus corpus = Corpus.generate(9000, 41);
    KafkaIo.produceLines(bootstrap, "nodes-in", corpus.lines());
    List<String> args = List.of("--bootstrap-server", bootstrap, "--topic", "nodes-in", "--group", "nodes",
        "--from-beginning", "--output-topic", "nodes-out", "--batch-seconds", "1", "--print", "0",
        "--stop-when-idle", "3", "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false",
        // The write's bound the stall waits out: 10 s, not the default 30 s.
        "--kafka-timeout-seconds", "10");
    // Rate-limited, to leave batches for the stops to fall into.
    String[] limited = Stream.concat(args.stream(), Stream.of("--max-rate-per-partition", "200"))
        .toArray(String[]::new);
    CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> err.run(DirectApp::run, limited));

    NodeStops.Ended ended = NodeStops.stopOneThenASecond(kafka, err::lines, job);
    System.out.printf("direct job, two of three nodes stopped: ended %d ms later:%n%s%n", ended.afterMs(),
        String.join("\n", ended.stderr()));

    // While the batch waited, before the error: the stalled line names the cause.
    String error = NodeStops.assertStalledThenOneError(ended, "stalled batch time=\\d+ running_ms=\\d+ "
        + "cause=NOT_ENOUGH_REPLICAS: partition nodes-out-0 has 1 in-sync replica\\(s\\), min\\.insync\\.replicas "
        + "is 2, .*");
    assertThat(error).startsWith("error: cannot write counts to topic 'nodes-out': ")
        .contains(" records not acknowledged within 10 s: ")
        .contains("NOT_ENOUGH_REPLICAS: partition nodes-out-0 has 1 in-sync replica(s), min.insync.replicas is 2");

    kafka.startNode(1);
    kafka.startNode(2);
    await("every replica of nodes-out and of the group's offsets in sync again")
        .atMost(Duration.ofSeconds(60)).pollInSameThread()
        .until(() -> KafkaIo.inSyncReplicas(bootstrap, "nodes-out") == 3
            && KafkaIo.inSyncReplicas(bootstrap, "__consumer_offsets") == 3);
    err.reset();
    assertThat(err.run(DirectApp::run, args.toArray(String[]::new))).as(String.join("\n", err.lines())).isZero();
    // A commit of the batch that was never written would show here as words below their count.
    long twice = WordTotals.noneBelow(KafkaIo.sumCounts(bootstrap, "nodes-out", "read_uncommitted"), corpus.counts());
    System.out.println("direct job after the nodes came back: words counted twice " + twice);
    assertThat(KafkaIo.committed(bootstrap, "nodes")).isEqualTo(KafkaIo.endOffsets(bootstrap, "nodes-in", 3));
  }

  /**
   * Exactly once, a transaction also needs {@code __transaction_state}'s in-sync replicas: the stalled line names
   * them (before, it looked only at the output topic and {@code __consumer_offsets}), the error line ends the run
   * with the transaction aborted, and after the nodes return a restart counts every record exactly once.
   */
  @Test
  void exactlyOnceWithTwoNodesStoppedNamesTheTransactionLogThenEndsAndARestartCountsEveryRecordOnce(LocalKafka kafka)
      throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("eo-nodes-in", 3, 3);
    kafka.createTopic("eo-nodes-out", 1, 3);
    Corpus corpus = Corpus.generate(9000, 43);
    KafkaIo.produceLines(bootstrap, "eo-nodes-in", corpus.lines());
    List<String> args = List.of("--bootstrap-server", bootstrap, "--topic", "eo-nodes-in", "--group", "eo-nodes",
        "--from-beginning", "--output-topic", "eo-nodes-out", "--exactly-once", "--batch-seconds", "1", "--print",
        "0", "--stop-when-idle", "3", "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false",
        "--kafka-timeout-seconds", "10");
    String[] limited = Stream.concat(args.stream(), Stream.of("--max-rate-per-partition", "200"))
        .toArray(String[]::new);
    CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> err.run(DirectApp::run, limited));

    NodeStops.Ended ended = NodeStops.stopOneThenASecond(kafka, err::lines, job);
    System.out.printf("exactly-once direct job, two of three nodes stopped: ended %d ms later:%n%s%n",
        ended.afterMs(), String.join("\n", ended.stderr()));

    String error = NodeStops.assertStalledThenOneError(ended,
        "stalled batch time=\\d+ running_ms=\\d+ cause=NOT_ENOUGH_REPLICAS: .*__transaction_state-\\d+ \\(1 in sync\\).*");
    assertThat(error).startsWith("error: transaction for 'eo-nodes-out' aborted: Timeout expired after 20000ms ")
        .containsPattern("NOT_ENOUGH_REPLICAS: partitions __transaction_state-\\d+ \\(1 in sync\\)");

    kafka.startNode(1);
    kafka.startNode(2);
    await("every replica of the output, the offsets and the transaction log in sync again")
        .atMost(Duration.ofSeconds(60)).pollInSameThread()
        .until(() -> KafkaIo.inSyncReplicas(bootstrap, "eo-nodes-out") == 3
            && KafkaIo.inSyncReplicas(bootstrap, "__consumer_offsets") == 3
            && KafkaIo.inSyncReplicas(bootstrap, "__transaction_state") == 3);
    err.reset();
    assertThat(err.run(DirectApp::run, args.toArray(String[]::new))).as(String.join("\n", err.lines())).isZero();
    assertThat(KafkaIo.sumCounts(bootstrap, "eo-nodes-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(bootstrap, "eo-nodes")).isEqualTo(KafkaIo.endOffsets(bootstrap, "eo-nodes-in", 3));
  }
}
