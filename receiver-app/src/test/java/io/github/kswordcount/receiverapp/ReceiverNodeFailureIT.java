package io.github.kswordcount.receiverapp;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.CapturedErr;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.core.testing.NodeStops;
import io.github.kswordcount.core.testing.WordTotals;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver job on three nodes with {@code min.insync.replicas=2} (node 0 the only controller): with one node
 * stopped it goes on; with a second stopped, the group's offsets cannot be written ({@code __consumer_offsets}
 * is short of in-sync replicas; the output topic here allows one, so the counts still are), so the job says why
 * in a {@code stalled} line while the batch waits, then ends with one {@code error:} line naming
 * {@code NOT_ENOUGH_REPLICAS}. With the nodes back, a restart counts every word at least once.
 */
class ReceiverNodeFailureIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder.nodes(3).controllers(1)
      .brokerConfig("min.insync.replicas", "2"));

  @TempDir Path dir;

  private final CapturedErr err = new CapturedErr();

  @Test
  void oneNodeStoppedTheJobGoesOnTwoStoppedItSaysWhyItStallsThenEndsAndARestartLosesNothing(LocalKafka kafka)
      throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("rnodes-in", 2, 3);
    kafka.createTopic("rnodes-out", 1, 3, Map.of("min.insync.replicas", "1"));
    Corpus corpus = Corpus.generate(9000, 42);
    KafkaIo.produceLines(bootstrap, "rnodes-in", corpus.lines());
    List<String> args = List.of("--bootstrap-server", bootstrap, "--topic", "rnodes-in", "--group", "rnodes",
        "--from-beginning", "--output-topic", "rnodes-out", "--batch-seconds", "1", "--print", "0",
        "--stop-when-idle", "4", "--master", "local[2]", "--checkpoint-dir", dir.resolve("checkpoint").toString(),
        "--spark-conf", "spark.ui.enabled=false", "--kafka-timeout-seconds", "10");
    // Rate-limited, to leave batches for the stops to fall into (not part of the checkpoint's identity).
    String[] limited = Stream.concat(args.stream(), Stream.of("--max-rate", "600")).toArray(String[]::new);
    CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> err.run(ReceiverApp::run, limited));

    NodeStops.Ended ended = NodeStops.stopOneThenASecond(kafka, err::lines, job);
    System.out.printf("receiver job, two of three nodes stopped: ended %d ms later:%n%s%n", ended.afterMs(),
        String.join("\n", ended.stderr()));

    String error = NodeStops.assertStalledThenOneError(ended, "stalled batch time=\\d+ running_ms=\\d+ "
        + "cause=NOT_ENOUGH_REPLICAS: partitions __consumer_offsets-0 \\(1 in sync\\), .* have fewer in-sync "
        + "replicas than min\\.insync\\.replicas, 2, .*");
    assertThat(error).startsWith("error: cannot write the counted offsets of group 'rnodes.counted' "
        + "within 10000 ms: NOT_ENOUGH_REPLICAS: partitions __consumer_offsets-0 (1 in sync), ");

    kafka.startNode(1);
    kafka.startNode(2);
    await("every replica of the group's offsets in sync again")
        .atMost(Duration.ofSeconds(60)).pollInSameThread()
        .until(() -> KafkaIo.inSyncReplicas(bootstrap, "__consumer_offsets") == 3);
    err.reset();
    assertThat(err.run(ReceiverApp::run, args.toArray(String[]::new))).as(String.join("\n", err.lines())).isZero();
    long twice = WordTotals.noneBelow(KafkaIo.sumCounts(bootstrap, "rnodes-out", "read_uncommitted"), corpus.counts());
    System.out.println("receiver job after the nodes came back: words counted twice " + twice);
    assertThat(KafkaIo.committed(bootstrap, "rnodes")).isEqualTo(KafkaIo.endOffsets(bootstrap, "rnodes-in", 2));
  }
}
