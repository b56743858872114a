package io.github.kswordcount.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.testing.KafkaIo;
import io.github.kswordcount.localkafka.Await;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
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

  private ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private List<String> errLines() {
    return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private long batchesWithRecords() {
    return errLines().stream().filter(l -> l.startsWith("batch ") && !l.contains(" records=0 ")).count();
  }

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
        "--stop-when-idle", "3", "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false");
    // Rate-limited, to leave batches for the stops to fall into.
    String[] limited = Stream.concat(args.stream(), Stream.of("--max-rate-per-partition", "200"))
        .toArray(String[]::new);
    CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> DirectApp.run(limited, err));

    Await.until("two batches with records", Duration.ofSeconds(90), () -> batchesWithRecords() >= 2);
    kafka.stopNode(1);
    long before = batchesWithRecords();
    Await.until("two batches with records on two nodes", Duration.ofSeconds(60),
        () -> batchesWithRecords() >= before + 2);
    long stopping = System.nanoTime();
    kafka.stopNode(2);
    int exit = job.get(120, TimeUnit.SECONDS);
    long endedMs = (System.nanoTime() - stopping) / 1_000_000;
    List<String> lines = errLines();
    System.out.printf("direct job, two of three nodes stopped: ended %d ms later:%n%s%n", endedMs,
        String.join("\n", lines));

    assertThat(exit).as(String.join("\n", lines)).isEqualTo(1);
    List<String> errors = lines.stream().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith("error: cannot write counts to topic 'nodes-out': ")
        .contains("NOT_ENOUGH_REPLICAS: partition nodes-out-0 has 1 in-sync replica(s), min.insync.replicas is 2");
    // While the batch waited, before the error: the stalled line names the cause.
    int error = lines.indexOf(errors.get(0));
    List<String> stalled = lines.subList(0, error).stream().filter(l -> l.startsWith("stalled batch ")).toList();
    assertThat(stalled).isNotEmpty().allMatch(l -> l.matches("stalled batch time=\\d+ running_ms=\\d+ "
        + "cause=NOT_ENOUGH_REPLICAS: partition nodes-out-0 has 1 in-sync replica\\(s\\), min\\.insync\\.replicas "
        + "is 2, .*"));
    assertThat(lines.subList(error, lines.size())).noneMatch(l -> l.startsWith("stalled batch "));
    Map<TopicPartition, Long> committedBefore = KafkaIo.committed(bootstrap, "nodes");

    kafka.startNode(1);
    kafka.startNode(2);
    Await.until("every replica of nodes-out and of the group's offsets in sync again", Duration.ofSeconds(60),
        () -> KafkaIo.inSyncReplicas(bootstrap, "nodes-out") == 3
            && KafkaIo.inSyncReplicas(bootstrap, "__consumer_offsets") == 3);
    errBytes = new ByteArrayOutputStream();
    err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    assertThat(DirectApp.run(args.toArray(String[]::new), err)).as(String.join("\n", errLines())).isZero();
    Map<String, Long> totals = KafkaIo.sumCounts(bootstrap, "nodes-out", "read_uncommitted");
    corpus.counts().forEach((word, count) -> assertThat(totals.get(word)).as(word).isGreaterThanOrEqualTo(count));
    long twice = totals.values().stream().mapToLong(Long::longValue).sum()
        - corpus.counts().values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("direct job after the nodes came back: committed before %s, words counted twice %d%n",
        committedBefore, twice);
    assertThat(KafkaIo.committed(bootstrap, "nodes")).isEqualTo(KafkaIo.endOffsets(bootstrap, "nodes-in", 3));
  }
}
