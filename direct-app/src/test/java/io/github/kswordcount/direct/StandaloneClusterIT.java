package io.github.kswordcount.direct;

import static io.github.kswordcount.core.testing.ProgressLines.batchesWithRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.core.testing.SparkStandalone;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar the ways Spark users launch jobs: with {@code --master spark://...} on a Spark standalone
 * cluster on 127.0.0.1 ({@link SparkStandalone}), where the job ships its own jar and the executors, which
 * have Spark but none of this project's classes, count the same exact totals; and under {@code spark-submit}
 * (spark-core's {@code SparkSubmit}). An executor SIGKILLed mid-run is replaced by the cluster and its tasks run
 * again; exactly once, the totals do not change.
 */
@ExtendWith(LocalKafkaExtension.class)
class StandaloneClusterIT {

  private static final Path JAR = Path.of("target", "direct-app.jar");

  @TempDir Path dir;

  @Test
  void aStandaloneClusterCountsTheSameExactTotals(LocalKafka kafka) throws Exception {
    kafka.createTopic("cluster-in", 3, 1);
    kafka.createTopic("cluster-out", 1, 1);
    Corpus corpus = Corpus.generate(3000, 5);
    KafkaIo.produceLines(kafka.bootstrapServers(), "cluster-in", corpus.lines());
    try (SparkStandalone cluster = SparkStandalone.start(dir, 2);
        JavaTool.Running app = JavaTool.app(JAR).start("--bootstrap-server", kafka.bootstrapServers(),
            "--topic", "cluster-in", "--group", "cluster", "--from-beginning", "--output-topic", "cluster-out",
            "--master", cluster.masterUrl(), "--batch-seconds", "2", "--print", "0",
            "--stop-when-idle", "2", "--spark-conf", "spark.ui.enabled=false",
            "--spark-conf", "spark.driver.host=127.0.0.1", "--spark-conf", "spark.executor.memory=512m")) {
      assertThat(app.awaitExit(Duration.ofSeconds(240))).as(String.join("\n", app.stderrLines())).isZero();
    }
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "cluster-out", "read_committed"))
        .isEqualTo(corpus.counts());
  }

  @Test
  void anExecutorKilledMidRunIsReplacedAndTheExactlyOnceTotalsStayExact(LocalKafka kafka) throws Exception {
    kafka.createTopic("killed-in", 3, 1);
    kafka.createTopic("killed-out", 1, 1);
    Corpus corpus = Corpus.generate(6000, 5);
    KafkaIo.produceLines(kafka.bootstrapServers(), "killed-in", corpus.lines());
    try (SparkStandalone cluster = SparkStandalone.start(dir, 2);
        JavaTool.Running app = JavaTool.app(JAR).start("--bootstrap-server", kafka.bootstrapServers(),
            "--topic", "killed-in", "--group", "killed", "--from-beginning", "--output-topic", "killed-out",
            "--exactly-once", "--max-rate-per-partition", "400", "--master", cluster.masterUrl(),
            "--batch-seconds", "1", "--print", "0", "--stop-when-idle", "2", "--spark-conf", "spark.ui.enabled=false",
            "--spark-conf", "spark.driver.host=127.0.0.1", "--spark-conf", "spark.executor.memory=512m")) {
      long counted = batchesWithRecords(app.awaitStderr("a batch with records", Duration.ofSeconds(120),
          lines -> batchesWithRecords(lines) > 0));

      assertThat(cluster.killExecutors()).as("executors killed").isEqualTo(1);
      long killedAt = System.nanoTime();
      app.awaitStderr("a batch with records after the kill", Duration.ofSeconds(120),
          lines -> batchesWithRecords(lines) > counted);
      System.out.printf("executor killed after %d batch(es) with records; the next one ended %d ms later%n", counted,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));

      assertThat(app.awaitExit(Duration.ofSeconds(240))).as(String.join("\n", app.stderrLines())).isZero();
    }
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "killed-out", "read_committed"))
        .isEqualTo(corpus.counts());
  }

  @Test
  void sparkSubmitRunsTheSameJar(LocalKafka kafka) throws Exception {
    kafka.createTopic("submit-in", 2, 1);
    kafka.createTopic("submit-out", 1, 1);
    Corpus corpus = Corpus.generate(1000, 8);
    KafkaIo.produceLines(kafka.bootstrapServers(), "submit-in", corpus.lines());
    // No cluster needed for local[2]: only the launcher's processes, stopped by close().
    try (SparkStandalone launcher = SparkStandalone.launcherOnly(dir)) {
      Process submit = launcher.run(dir.resolve("submit.log"), "org.apache.spark.deploy.SparkSubmit",
          "--class", DirectApp.class.getName(), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
          JAR.toAbsolutePath().toString(), kafka.bootstrapServers(), "submit-in", "--group", "submit",
          "--from-beginning", "--output-topic", "submit-out", "--batch-seconds", "1", "--print", "0",
          "--stop-when-idle", "2");
      assertThat(submit.waitFor(180, TimeUnit.SECONDS)).as("spark-submit ended").isTrue();
      assertThat(submit.exitValue()).as(Files.readString(dir.resolve("submit.log"))).isZero();
    }
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "submit-out", "read_committed"))
        .isEqualTo(corpus.counts());
  }
}
