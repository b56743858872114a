package io.github.kswordcount.kafka4;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.direct.DirectApp;
import io.github.kswordcount.localkafka.KafkaIo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The direct job (in this JVM, as direct-app's own ITs run it; only the broker is a process) against a Kafka 4
 * broker: totals exact at least once and exactly once, a topic written with transactions read to its end.
 */
@ExtendWith(Kafka4Extension.class)
class DirectAppKafka4IT {

  /** A bound for the test only: each run stops on --stop-when-idle long before. */
  private static final Duration RUN_BOUND = Duration.ofSeconds(120);

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private int run(Kafka4Broker kafka, String... args) {
    List<String> all = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(), "--master", "local[2]",
        "--batch-seconds", "1", "--print", "0", "--spark-conf", "spark.ui.enabled=false", "--stop-when-idle", "2"));
    all.addAll(List.of(args));
    CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> DirectApp.run(all.toArray(String[]::new), err));
    assertThat(job).as(errText()).succeedsWithin(RUN_BOUND);
    return job.join();
  }

  private String errText() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void atLeastOnceWithAnOutputTopicCountsEveryWordOnceAndCommitsTheEnd(Kafka4Broker kafka) {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("d4-in", 3);
    kafka.createTopic("d4-out", 1);
    Corpus corpus = Corpus.generate(3000, 41);
    KafkaIo.produceLines(bootstrap, "d4-in", corpus.lines());

    assertThat(run(kafka, "--topic", "d4-in", "--group", "d4", "--from-beginning", "--output-topic", "d4-out"))
        .as(errText()).isZero();

    assertThat(KafkaIo.sumCounts(bootstrap, "d4-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(bootstrap, "d4")).isEqualTo(KafkaIo.endOffsets(bootstrap, "d4-in", 3));
    assertThat(errText().lines()).anyMatch(l -> l.startsWith("summary ") && l.contains(" records=3000 "));
  }

  /** Kafka 4.4 formats its log dirs with transaction.version 2 (KIP-890); our 3.9 clients use the version before. */
  @Test
  void exactlyOnceCountsATopicWrittenWithTransactionsToItsEndOnlyCommittedRecords(Kafka4Broker kafka) {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("d4-tx-in", 3);
    kafka.createTopic("d4-tx-out", 1);
    Corpus committed = Corpus.generate(1500, 42);
    KafkaIo.produceInTransaction(bootstrap, "d4-tx-in", committed.lines(), true);
    KafkaIo.produceInTransaction(bootstrap, "d4-tx-in", List.of("aborted never counted"), false);
    KafkaIo.produceInTransaction(bootstrap, "d4-tx-in", List.of("last"), true);
    Map<String, Long> expected = new HashMap<>(committed.counts());
    expected.merge("last", 1L, Long::sum);

    assertThat(run(kafka, "--topic", "d4-tx-in", "--group", "d4-tx", "--from-beginning", "--exactly-once",
        "--output-topic", "d4-tx-out")).as(errText()).isZero();

    assertThat(KafkaIo.sumCounts(bootstrap, "d4-tx-out", "read_committed")).isEqualTo(expected);
    // The group holds the end offsets, past the last transaction's markers.
    assertThat(KafkaIo.committed(bootstrap, "d4-tx")).isEqualTo(KafkaIo.endOffsets(bootstrap, "d4-tx-in", 3));
    assertThat(errText().lines()).anyMatch(l -> l.startsWith("summary ") && l.contains(" records=1501 ")
        && l.contains(" lag=0"));
  }

  /** Kafka 4.4's console consumer invites users to set it; the connector of Spark 3.5 cannot poll under it. */
  @Test
  void groupProtocolConsumerIsRefusedInOneLineNamingWhy(Kafka4Broker kafka) {
    kafka.createTopic("d4-848-in", 1);

    assertThat(run(kafka, "--topic", "d4-848-in", "--group", "d4-848", "--consumer-property",
        "group.protocol=consumer")).isEqualTo(2);
    assertThat(errText().lines().filter(l -> l.startsWith("error:"))).containsExactly("error: group.protocol=consumer "
        + "(KIP-848) is not supported by the direct stream: Spark 3.5's Kafka connector calls poll(long), which "
        + "kafka-clients refuses under that protocol (SPARK-53904); leave group.protocol at classic (the "
        + "receiver-based count takes consumer)");
    assertThat(errText()).doesNotContain("\tat ");
  }
}
