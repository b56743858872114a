package io.github.kswordcount.direct;

import static org.awaitility.Awaitility.await;
import static io.github.kswordcount.core.testing.ProgressLines.batchesWithRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Exactly-once through the faults that matter: a kill inside an open transaction, and two runs of one group. */
@ExtendWith(LocalKafkaExtension.class)
class ExactlyOnceFaultsIT {

  private static final Path JAR = Path.of("target", "direct-app.jar");


  private static String[] args(LocalKafka kafka, String in, String out, String group, String... more) {
    List<String> all = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(), "--topic", in,
        "--group", group, "--from-beginning", "--output-topic", out, "--exactly-once", "--batch-seconds", "1",
        "--print", "0", "--spark-conf", "spark.ui.enabled=false"));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  /** Lines of distinct words, so each batch's transaction sends thousands of records and stays open a while. */
  private static Corpus distinctWords(int lines) {
    List<String> text = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      text.add("w" + i + " x" + (i % 7) + " w" + i);
    }
    return new Corpus(text, Corpus.countOf(text));
  }

  /** Whether the output holds records a read_committed reader cannot see yet: a transaction is open. */
  private static boolean transactionOpen(Admin admin, TopicPartition tp) {
    try {
      long high = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
      long stable = admin.listOffsets(Map.of(tp, OffsetSpec.latest()),
          new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get().get(tp).offset();
      return high > stable;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @Test
  void sigkillInsideAnOpenTransactionLosesAndDuplicatesNothing(LocalKafka kafka) throws Exception {
    kafka.createTopic("kill-in", 2, 1);
    kafka.createTopic("kill-out", 1, 1);
    Corpus corpus = distinctWords(40_000);
    KafkaIo.produceLines(kafka.bootstrapServers(), "kill-in", corpus.lines());
    TopicPartition out = new TopicPartition("kill-out", 0);

    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        JavaTool.Running app = JavaTool.app(JAR).start(args(kafka, "kill-in", "kill-out", "kill",
            "--max-rate-per-partition", "4000"))) {
      await("a transaction open on the output").atMost(Duration.ofSeconds(120)).pollInSameThread()
          .until(() -> transactionOpen(admin, out));
      app.kill();
      assertThat(transactionOpen(admin, out)).as("killed inside the transaction").isTrue();
    }
    try (JavaTool.Running app = JavaTool.app(JAR).start(args(kafka, "kill-in", "kill-out", "kill",
        "--stop-when-idle", "2"))) {
      assertThat(app.awaitExit(Duration.ofSeconds(180))).as(String.join("\n", app.stderrLines())).isZero();
    }

    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "kill-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "kill"))
        .isEqualTo(KafkaIo.endOffsets(kafka.bootstrapServers(), "kill-in", 2));
  }

  @Test
  void aSecondRunOfTheGroupFencesTheFirstAndTheTotalsStayExact(LocalKafka kafka) throws Exception {
    kafka.createTopic("zombie-in", 2, 1);
    kafka.createTopic("zombie-out", 1, 1);
    Corpus corpus = Corpus.generate(8000, 21);
    KafkaIo.produceLines(kafka.bootstrapServers(), "zombie-in", corpus.lines());

    try (JavaTool.Running first = JavaTool.app(JAR).start(args(kafka, "zombie-in", "zombie-out",
        "zombie", "--max-rate-per-partition", "50"))) {
      first.awaitStderr("a batch with records", Duration.ofSeconds(120),
          lines -> batchesWithRecords(lines) > 0);
      try (JavaTool.Running second = JavaTool.app(JAR).start(args(kafka, "zombie-in", "zombie-out",
          "zombie", "--stop-when-idle", "2"))) {
        assertThat(first.awaitExit(Duration.ofSeconds(120))).as(String.join("\n", first.stderrLines())).isEqualTo(1);
        assertThat(first.stderrLines()).filteredOn(l -> l.startsWith("error: ")).hasSize(1).first().asString()
            .contains("another run of group 'zombie'");
        assertThat(second.awaitExit(Duration.ofSeconds(180))).as(String.join("\n", second.stderrLines())).isZero();
      }
    }

    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "zombie-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "zombie"))
        .isEqualTo(KafkaIo.endOffsets(kafka.bootstrapServers(), "zombie-in", 2));
  }
}
