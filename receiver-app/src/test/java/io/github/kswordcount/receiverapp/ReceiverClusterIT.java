package io.github.kswordcount.receiverapp;

import static io.github.kswordcount.core.testing.ProgressLines.batchesWithRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.core.testing.WordTotals;
import io.github.kswordcount.core.testing.SparkStandalone;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver job on a Spark standalone cluster: the job ships its own jar, the receiver runs on an
 * executor (which has Spark but none of this project's classes) and commits from there once the driver has
 * announced what it counted. The executor is SIGKILLed mid-run: the cluster starts another, Spark starts the
 * receiver there, and no word is below its corpus count (the blocks the dead executor held come back from the
 * write-ahead log, or from Kafka, since nothing is committed before it is output).
 */
@ExtendWith(LocalKafkaExtension.class)
class ReceiverClusterIT {

  private static final Path JAR = Path.of("target", "receiver-app.jar");

  @TempDir Path dir;

  @Test
  void theReceiverJobOnAStandaloneClusterOutlivesItsExecutorKilledMidRunAndLosesNoWord(LocalKafka kafka)
      throws Exception {
    kafka.createTopic("rcluster-in", 3, 1);
    kafka.createTopic("rcluster-out", 1, 1);
    Corpus corpus = Corpus.generate(6000, 6);
    KafkaIo.produceLines(kafka.bootstrapServers(), "rcluster-in", corpus.lines());
    try (SparkStandalone cluster = SparkStandalone.start(dir, 2);
        JavaTool.Running app = JavaTool.app(JAR).start("--bootstrap-server", kafka.bootstrapServers(),
            "--topic", "rcluster-in", "--group", "rcluster", "--from-beginning", "--output-topic", "rcluster-out",
            "--master", cluster.masterUrl(), "--batch-seconds", "1", "--max-rate", "600", "--print", "0",
            "--stop-when-idle", "4", "--checkpoint-dir", dir.resolve("checkpoint").toString(),
            "--spark-conf", "spark.ui.enabled=false", "--spark-conf", "spark.driver.host=127.0.0.1",
            "--spark-conf", "spark.executor.memory=512m")) {
      long counted = batchesWithRecords(app.awaitStderr("a batch with records", Duration.ofSeconds(120),
          lines -> batchesWithRecords(lines) > 0));
      assertThat(cluster.killExecutors()).as("executors killed").isEqualTo(1);
      long killedAt = System.nanoTime();
      app.awaitStderr("a batch with records after the kill", Duration.ofSeconds(120),
          lines -> batchesWithRecords(lines) > counted);
      System.out.printf("receiver's executor killed after %d batch(es) with records; the next one ended %d ms "
          + "later%n", counted, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
      assertThat(app.awaitExit(Duration.ofSeconds(240))).as(String.join("\n", app.stderrLines())).isZero();
      assertThat(executorLogs()).as("the receiver ran on the executor")
          .contains("ReceiverSupervisorImpl: Called receiver 0 onStart");
    }
    System.out.println("receiver's executor killed: words counted twice " + WordTotals.noneBelow(
        KafkaIo.sumCounts(kafka.bootstrapServers(), "rcluster-out", "read_committed"), corpus.counts()));
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "rcluster"))
        .isEqualTo(KafkaIo.endOffsets(kafka.bootstrapServers(), "rcluster-in", 3));
  }

  /** The executors' stderr files in the Worker's work dir, joined. */
  private String executorLogs() {
    try (Stream<Path> files = Files.walk(dir.resolve("work"))) {
      StringBuilder all = new StringBuilder();
      files.filter(p -> p.getFileName().toString().equals("stderr")).forEach(p -> {
        try {
          all.append(Files.readString(p));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      return all.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
