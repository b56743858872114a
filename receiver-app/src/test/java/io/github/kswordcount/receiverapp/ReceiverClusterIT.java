package io.github.kswordcount.receiverapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.AppProcess;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.testing.KafkaIo;
import io.github.kswordcount.core.testing.SparkStandalone;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver job on a Spark standalone cluster: the job ships its own jar, the receiver runs on an
 * executor (which has Spark but none of this project's classes) and commits from there once the driver has
 * announced what it counted; the totals are the corpus's, exactly as with {@code local[3]}.
 */
@ExtendWith(LocalKafkaExtension.class)
class ReceiverClusterIT {

  private static final Path JAR = Path.of("target", "receiver-app.jar");

  @TempDir Path dir;

  @Test
  void theReceiverJobOnAStandaloneClusterCountsTheCorpusExactly(LocalKafka kafka) throws Exception {
    kafka.createTopic("rcluster-in", 3, 1);
    kafka.createTopic("rcluster-out", 1, 1);
    Corpus corpus = Corpus.generate(3000, 6);
    KafkaIo.produceLines(kafka.bootstrapServers(), "rcluster-in", corpus.lines());
    try (SparkStandalone cluster = SparkStandalone.start(dir, 2);
        AppProcess app = AppProcess.start(JAR, dir, "--bootstrap-server", kafka.bootstrapServers(),
            "--topic", "rcluster-in", "--group", "rcluster", "--from-beginning", "--output-topic", "rcluster-out",
            "--master", cluster.masterUrl(), "--batch-seconds", "1", "--print", "0", "--stop-when-idle", "4",
            "--checkpoint-dir", dir.resolve("checkpoint").toString(), "--spark-conf", "spark.ui.enabled=false",
            "--spark-conf", "spark.driver.host=127.0.0.1", "--spark-conf", "spark.executor.memory=512m")) {
      assertThat(app.awaitExit(Duration.ofSeconds(240))).as(String.join("\n", app.stderrLines())).isZero();
      assertThat(executorLogs()).as("the receiver ran on the executor")
          .contains("ReceiverSupervisorImpl: Called receiver 0 onStart");
    }
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "rcluster-out", "read_committed"))
        .isEqualTo(corpus.counts());
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
