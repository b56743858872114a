package io.github.kswordcount.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.core.testing.SparkStandalone;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit jar (Spark and Scala provided) as a team runs it on its own cluster: spark-core's
 * {@code SparkSubmit} on a class path of Spark's jars only (no Kafka connector, no kafka-clients, none of this
 * project's classes), in client mode against a Spark standalone cluster ({@link SparkStandalone}) whose
 * executors have the same jars. Everything else the job needs must come from the jar: exact totals.
 */
@ExtendWith(LocalKafkaExtension.class)
class DirectSparkSubmitIT {

  private static final Path JAR = Path.of("target", "direct-app-spark-submit.jar");

  @TempDir Path dir;

  @Test
  void theJarHoldsTheConnectorAndKafkaClientsButNoSparkNorScala() throws Exception {
    assertThat(Files.size(JAR)).as("bytes").isLessThan(40L * 1024 * 1024);
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(DirectApp.class.getName());
      assertThat(List.of(DirectApp.class.getName(), "org.apache.spark.streaming.kafka010.KafkaUtils",
          "org.apache.kafka.clients.consumer.KafkaConsumer"))
          .allSatisfy(name -> assertThat(jar.getEntry(name.replace('.', '/') + ".class")).as(name).isNotNull());
      assertThat(jar.stream().map(JarEntry::getName).filter(DirectSparkSubmitIT::providedByTheCluster)
          .toList()).as("classes a Spark distribution has").isEmpty();
    }
  }

  @Test
  void sparkSubmitRunsTheJarOnAStandaloneClusterWithExactTotals(LocalKafka kafka) throws Exception {
    kafka.createTopic("ssubmit-in", 3, 1);
    kafka.createTopic("ssubmit-out", 1, 1);
    Corpus corpus = Corpus.generate(3000, 21);
    KafkaIo.produceLines(kafka.bootstrapServers(), "ssubmit-in", corpus.lines());
    Path log = dir.resolve("spark-submit.log");
    try (SparkStandalone cluster = SparkStandalone.start(dir, 2)) {
      Process submit = cluster.run(log, "org.apache.spark.deploy.SparkSubmit",
          "--master", cluster.masterUrl(), "--deploy-mode", "client", "--class", DirectApp.class.getName(),
          "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
          "--conf", "spark.executor.memory=512m",
          JAR.toAbsolutePath().toString(),
          "--bootstrap-server", kafka.bootstrapServers(), "--topic", "ssubmit-in", "--group", "ssubmit",
          "--from-beginning", "--output-topic", "ssubmit-out", "--batch-seconds", "2", "--print", "0",
          "--stop-when-idle", "2");
      // On a timeout or a failed assertion, close() kills spark-submit with the cluster.
      assertThat(submit.waitFor(240, TimeUnit.SECONDS)).as("spark-submit ended\n%s", Files.readString(log))
          .isTrue();
      assertThat(submit.exitValue()).as(Files.readString(log)).isZero();
      // The premise: neither the driver's nor the executors' Spark has a Kafka jar (SparkStandalone's links).
      try (Stream<Path> jars = Files.list(dir.resolve("spark-home").resolve("jars"))) {
        assertThat(jars.map(jar -> jar.getFileName().toString())).isNotEmpty()
            .noneMatch(jar -> jar.contains("kafka")).anyMatch(jar -> jar.startsWith("spark-streaming_"));
      }
      assertThat(cluster.executorLogs()).as("the executors ran the job's tasks").contains("Executor: Finished task");
    }
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "ssubmit-out", "read_committed"))
        .isEqualTo(corpus.counts());
  }

  /** Spark (but its Kafka connector), Scala, Hadoop, logging and Jackson: the cluster's, never the jar's. */
  private static boolean providedByTheCluster(String entry) {
    return entry.endsWith(".class") && (entry.startsWith("scala/") || entry.startsWith("org/apache/hadoop/")
        || entry.startsWith("org/slf4j/") || entry.startsWith("org/apache/logging/")
        || entry.startsWith("com/fasterxml/")
        || entry.startsWith("org/apache/spark/") && !entry.startsWith("org/apache/spark/streaming/kafka010/")
            && !entry.startsWith("org/apache/spark/kafka010/"));
  }
}
