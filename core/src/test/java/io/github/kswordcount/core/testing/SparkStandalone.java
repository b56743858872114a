package io.github.kswordcount.core.testing;

import io.github.kswordcount.localkafka.JavaTool;
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
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: a Master and one Worker started from spark-core's own
 * classes, in their own JVMs, with the test's classpath minus this project's classes, Kafka's jars and Spark's
 * Kafka connector (what a Spark distribution's {@code jars/} would have), so a job must ship its own jar.
 * {@link #close()} stops both, also after a failure.
 *
 * <pre>{@code
 * try (SparkStandalone cluster = SparkStandalone.start(dir, 2)) {
 *   JavaTool.app(jar).start("--master", cluster.masterUrl(), ...);
 * }
 * }</pre>
 */
public final class SparkStandalone implements AutoCloseable {
  private final Path dir;
  private final String masterUrl;
  private final List<Process> processes = new ArrayList<>();

  private SparkStandalone(Path dir, String masterUrl) {
    this.dir = dir;
    this.masterUrl = masterUrl;
  }

  /**
   * Starts a Master and a Worker and waits until the Worker has registered.
   *
   * @param dir where the logs, the Worker's work dir and the Spark installation of links go
   * @param workerCores the Worker's cores
   * @return the running cluster
   * @throws Exception when a process cannot start or no Worker registers within 90 s
   */
  public static SparkStandalone start(Path dir, int workerCores) throws Exception {
    int masterPort = freePort();
    int uiPort = freePort();
    SparkStandalone cluster = new SparkStandalone(dir, "spark://127.0.0.1:" + masterPort);
    try {
      Process master = cluster.spark(dir.resolve("master.log"), Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
          "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(uiPort));
      Process worker = cluster.spark(dir.resolve("worker.log"), cluster.sparkEnv(),
          "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", Integer.toString(workerCores),
          "--memory", "1g", "--work-dir", dir.resolve("work").toString(), "--webui-port", "0", cluster.masterUrl);
      awaitAliveWorker(uiPort, master, worker);
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * No cluster: only {@link #run} for Spark's launchers (such as {@code SparkSubmit} with a local master).
   *
   * @param dir where the Spark installation of links goes
   * @return a handle whose {@link #close()} stops what {@link #run} started
   */
  public static SparkStandalone launcherOnly(Path dir) {
    return new SparkStandalone(dir, null);
  }

  /**
   * The master's URL, for {@code --master}.
   *
   * @return {@code spark://127.0.0.1:<port>}
   */
  public String masterUrl() {
    return masterUrl;
  }

  /**
   * Runs a Spark main class (such as {@code SparkSubmit}) as Spark's own scripts would, outside the cluster.
   *
   * @param log where its output goes
   * @param mainClass the class
   * @param args its arguments
   * @return the process, stopped by {@link #close()} too
   * @throws IOException when it cannot start
   */
  public Process run(Path log, String mainClass, String... args) throws IOException {
    return spark(log, sparkEnv(), mainClass, args);
  }

  /**
   * SIGKILLs every executor the Worker runs now, as a crashed or OOM-killed executor JVM dies, and waits until
   * they are gone. The Master then has the Worker launch new ones for the running application.
   *
   * @return how many executors were killed
   */
  public int killExecutors() {
    List<ProcessHandle> executors = processes.stream().flatMap(Process::descendants)
        .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
        .toList();
    executors.forEach(ProcessHandle::destroyForcibly);
    executors.forEach(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    return executors.size();
  }

  /**
   * What the executors logged: their stderr files in the Worker's work dir, joined.
   *
   * @return the logs, empty when no executor ran
   * @throws IOException when a file cannot be read
   */
  public String executorLogs() throws IOException {
    Path work = dir.resolve("work");
    if (!Files.isDirectory(work)) {
      return "";
    }
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(work)) {
      for (Path file : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        all.append(Files.readString(file));
      }
    }
    return all.toString();
  }

  /** Stops every process started here. */
  @Override
  public void close() {
    try {
      for (int i = processes.size() - 1; i >= 0; i--) {
        Process process = processes.get(i);
        if (process.isAlive()) {
          process.destroy();
          if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
          }
        }
      }
    } catch (InterruptedException e) {
      processes.forEach(Process::destroyForcibly);
      Thread.currentThread().interrupt();
    }
  }

  private Map<String, String> sparkEnv() throws IOException {
    return Map.of("SPARK_HOME", sparkHome().toString(), "SPARK_SCALA_VERSION", "2.12", "SPARK_LOCAL_IP",
        "127.0.0.1");
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

  /**
   * The test's classpath without what a Spark distribution's {@code jars/} lacks: this project's own classes,
   * Kafka's jars, Spark's Kafka connector (not part of a distribution) and the option parsers. So the
   * spark-submit jar, which must carry exactly those, is tested on what a team's cluster has.
   */
  private static String sparkOnlyClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("kswordcount") && !entry.contains("target" + File.separator))
        .filter(entry -> !notInASparkDistribution(entry.substring(entry.lastIndexOf(File.separatorChar) + 1)))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static boolean notInASparkDistribution(String jar) {
    return jar.startsWith("kafka-") || jar.startsWith("kafka_") || jar.contains("-kafka-0-10_")
        || jar.startsWith("jcommander-") || jar.startsWith("jopt-simple-");
  }

  private Process spark(Path log, Map<String, String> env, String mainClass, String... args) throws IOException {
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
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private static void awaitAliveWorker(int uiPort, Process master, Process worker) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!master.isAlive() || !worker.isAlive()) {
        throw new AssertionError("the " + (master.isAlive() ? "worker" : "master") + " died while starting");
      }
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
}
