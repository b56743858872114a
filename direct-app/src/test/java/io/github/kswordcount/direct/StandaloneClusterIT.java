package io.github.kswordcount.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.AppProcess;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.testing.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar the ways Spark users launch jobs: with {@code --master spark://...} on a Spark standalone
 * cluster on 127.0.0.1 (a Master and a Worker started from spark-core's own classes), where the job ships its
 * own jar and the executors, which have Spark but none of this project's classes, count the same exact
 * totals; and under {@code spark-submit} (spark-core's {@code SparkSubmit}).
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
    int masterPort = freePort();
    int uiPort = freePort();
    Process master = null;
    Process worker = null;
    try {
      master = spark(dir.resolve("master.log"), Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
          "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(uiPort));
      worker = spark(dir.resolve("worker.log"), Map.of("SPARK_HOME", sparkHome().toString(),
          "SPARK_SCALA_VERSION", "2.12", "SPARK_LOCAL_IP", "127.0.0.1"),
          "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2", "--memory", "1g",
          "--work-dir", dir.resolve("work").toString(), "--webui-port", "0", "spark://127.0.0.1:" + masterPort);
      awaitAliveWorker(uiPort, master, worker);

      try (AppProcess app = AppProcess.start(JAR, dir, "--bootstrap-server", kafka.bootstrapServers(),
          "--topic", "cluster-in", "--group", "cluster", "--from-beginning", "--output-topic", "cluster-out",
          "--master", "spark://127.0.0.1:" + masterPort, "--batch-seconds", "2", "--print", "0",
          "--stop-when-idle", "2", "--spark-conf", "spark.ui.enabled=false",
          "--spark-conf", "spark.driver.host=127.0.0.1", "--spark-conf", "spark.executor.memory=512m")) {
        assertThat(app.awaitExit(Duration.ofSeconds(240))).as(String.join("\n", app.stderrLines())).isZero();
      }
      assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "cluster-out", "read_committed"))
          .isEqualTo(corpus.counts());
    } finally {
      stop(worker);
      stop(master);
    }
  }

  @Test
  void sparkSubmitRunsTheSameJar(LocalKafka kafka) throws Exception {
    kafka.createTopic("submit-in", 2, 1);
    kafka.createTopic("submit-out", 1, 1);
    Corpus corpus = Corpus.generate(1000, 8);
    KafkaIo.produceLines(kafka.bootstrapServers(), "submit-in", corpus.lines());
    Process submit = spark(dir.resolve("submit.log"), Map.of("SPARK_HOME", sparkHome().toString(),
        "SPARK_SCALA_VERSION", "2.12", "SPARK_LOCAL_IP", "127.0.0.1"), "org.apache.spark.deploy.SparkSubmit",
        "--class", DirectApp.class.getName(), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
        JAR.toAbsolutePath().toString(), kafka.bootstrapServers(), "submit-in", "--group", "submit",
        "--from-beginning", "--output-topic", "submit-out", "--batch-seconds", "1", "--print", "0",
        "--stop-when-idle", "2");
    try {
      assertThat(submit.waitFor(180, TimeUnit.SECONDS)).as("spark-submit ended").isTrue();
      assertThat(submit.exitValue()).as(Files.readString(dir.resolve("submit.log"))).isZero();
      assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "submit-out", "read_committed"))
          .isEqualTo(corpus.counts());
    } finally {
      stop(submit);
    }
  }

  /**
   * A Spark installation as the Worker expects one ({@code RELEASE} and {@code jars/}), made of links to
   * the jars on the test's classpath: the Worker builds its executors' classpath from it.
   */
  private Path sparkHome() throws IOException {
    Path home = Files.createDirectories(dir.resolve("spark-home"));
    Files.writeString(home.resolve("RELEASE"), "Spark 3.5.5 (test installation)\n", StandardCharsets.UTF_8);
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : sparkOnlyClasspath().split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (entry.endsWith(".jar") && !Files.exists(jars.resolve(jar.getFileName()))) {
        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
      }
    }
    return home;
  }

  /** The test's classpath without this project's own classes: what a Spark installation would have. */
  private static String sparkOnlyClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("kswordcount") && !entry.contains("target" + File.separator))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static Process spark(Path log, Map<String, String> env, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions"))
        .forEach(command::add);
    command.add("-cp");
    command.add(sparkOnlyClasspath());
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static void awaitAliveWorker(int uiPort, Process master, Process worker) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(master.isAlive()).as("master alive").isTrue();
      assertThat(worker.isAlive()).as("worker alive").isTrue();
      try (InputStream in = URI.create("http://127.0.0.1:" + uiPort + "/json/").toURL().openStream()) {
        if (new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(" ", "").contains("\"aliveworkers\":1")) {
          return;
        }
      } catch (IOException notUpYet) {
        // the master's UI is not listening yet
      }
      worker.waitFor(200, TimeUnit.MILLISECONDS); // returns early only if the worker dies
    }
    throw new AssertionError("no worker registered with the master within 90 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void stop(Process process) throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    }
  }
}
