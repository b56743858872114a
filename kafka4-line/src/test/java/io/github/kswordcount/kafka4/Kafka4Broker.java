package io.github.kswordcount.kafka4;

import static org.awaitility.Awaitility.await;

import io.github.kswordcount.localkafka.JavaTool;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka 4.x broker run as its own process on the class path {@code kafka4-dist} resolved from Maven
 * Central (its Scala 2.13 and kafka-clients 4 cannot share the test JVM with Spark 3.5), set up as Kafka's quick start
 * does: one node that is broker and controller (KRaft combined mode), its log dir formatted by {@code kafka-storage
 * format --standalone}, then {@code kafka-server-start}'s main class on a {@code server.properties}. It listens on
 * 127.0.0.1 at free ports, and logs to {@code server.log} in its own temporary directory, deleted at close.
 *
 * <p>The group coordinator keeps Kafka 4's heartbeat default ({@code group.consumer.heartbeat.interval.ms} 5 s), which
 * is what teams run: the tests allow for a first KIP-848 assignment that takes a heartbeat interval. Its session is
 * {@value #SESSION_SECONDS} s, not 45 s ({@code group.consumer.session.timeout.ms} and its minimum): how long a member
 * killed without leaving keeps its partitions and its {@code group.instance.id}, which crash tests wait out.
 */
public final class Kafka4Broker implements AutoCloseable {
  /** The system property naming kafka4-dist's class path file (the failsafe configuration sets it). */
  static final String CLASS_PATH_FILE = "kafka4.classpath.file";
  /** The coordinator's KIP-848 session ({@code group.consumer.session.timeout.ms}), in seconds. */
  static final int SESSION_SECONDS = 15;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
  private static final String HOST = "127.0.0.1";

  private final Path dir;
  private final String classPath;
  private final String bootstrap;
  private final JavaTool.Running process;
  private final Thread stopAtExit;
  private Admin admin;

  private Kafka4Broker(Path dir, String classPath, String bootstrap, JavaTool.Running process, Thread stopAtExit) {
    this.dir = dir;
    this.classPath = classPath;
    this.bootstrap = bootstrap;
    this.process = process;
    this.stopAtExit = stopAtExit;
  }

  /**
   * Formats a fresh log dir, starts the broker and waits until it serves clients.
   *
   * @return the running broker; close it
   * @throws IllegalStateException when the class path is missing, the format fails, or the broker is not ready
   *     within 90 s (with the end of its log)
   */
  public static Kafka4Broker start() {
    String classPath = classPath();
    Path dir = createTempDir();
    int brokerPort = freePort();
    int controllerPort = freePort();
    String bootstrap = HOST + ":" + brokerPort;
    Path properties = writeServerProperties(dir, brokerPort, controllerPort);
    JavaTool storage = tool(classPath, "kafka.tools.StorageTool");
    JavaTool.Result format = storage.run(new byte[0], CALL_TIMEOUT, "format", "--cluster-id",
        Uuid.randomUuid().toString(), "--config", properties.toString(), "--standalone");
    if (format.exitCode() != 0) {
      deleteDir(dir);
      throw new IllegalStateException("kafka-storage format failed (" + format.exitCode() + "): " + format.out()
          + format.stderr());
    }
    // The process reads its stdin only to notice the end of this JVM (ExitWithParent); stdin stays an open pipe.
    JavaTool.Running process = JavaTool
        .mainClass(classPath + File.pathSeparator + codeSource(ExitWithParent.class), ExitWithParent.class.getName())
        .jvmOptions(List.of("-Xmx512m", "-Dkafka.logs.dir=" + dir,
            "-Dlog4j2.configurationFile=" + resource("/kafka4/broker-log4j2.xml")))
        .start("kafka.Kafka", properties.toString());
    Thread stopAtExit = new Thread(() -> process.process().destroy(), "kafka4-broker-stop");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
    Kafka4Broker broker = new Kafka4Broker(dir, classPath, bootstrap, process, stopAtExit);
    try {
      broker.awaitReady(System.nanoTime(), brokerPort);
      return broker;
    } catch (RuntimeException | AssertionError e) {
      broker.close();
      throw e;
    }
  }

  /** Waits for the listener first, so that the Admin client does not log a warning per refused connection. */
  private void awaitReady(long startNanos, int brokerPort) {
    await("the Kafka 4 broker at " + bootstrap + " to listen").atMost(START_TIMEOUT).pollInSameThread()
        .pollInterval(Duration.ofMillis(100)).until(() -> running() && listens(brokerPort));
    await("the Kafka 4 broker at " + bootstrap + " to serve clients").atMost(START_TIMEOUT).pollInSameThread()
        .pollInterval(Duration.ofMillis(100)).until(() -> {
          try {
            return running() && admin().describeCluster().nodes().get().size() == 1;
          } catch (ExecutionException e) {
            return false;
          }
        });
    System.err.printf(Locale.ROOT, "Kafka %s broker ready at %s after %d ms (log: %s)%n", version(classPath),
        bootstrap, (System.nanoTime() - startNanos) / 1_000_000, dir.resolve("server.log"));
  }

  private boolean running() {
    if (!process.process().isAlive()) {
      throw new IllegalStateException("the Kafka 4 broker exited with " + process.process().exitValue()
          + "; its log ends:\n" + logTail());
    }
    return true;
  }

  private static boolean listens(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
    }
    return admin;
  }

  /** The Kafka version of the class path, from its {@code kafka_2.13-<version>.jar}. */
  static String version(String classPath) {
    Matcher jar = Pattern.compile("kafka_2\\.13-([^" + File.pathSeparator + "]+?)\\.jar").matcher(classPath);
    return jar.find() ? jar.group(1) : "4.x";
  }

  /**
   * Where clients connect.
   *
   * @return {@code 127.0.0.1:port}
   */
  public String bootstrapServers() {
    return bootstrap;
  }

  /**
   * One of Kafka 4's own tools (e.g. {@code org.apache.kafka.tools.ConsoleProducer}) run as a process on Kafka 4's
   * class path, logging as Kafka's {@code bin/} scripts make its tools log (WARN and above on stderr).
   *
   * @param mainClass the tool's main class
   * @return the tool
   */
  public JavaTool tool(String mainClass) {
    return tool(classPath, mainClass);
  }

  private static JavaTool tool(String classPath, String mainClass) {
    return JavaTool.mainClass(classPath, mainClass)
        .addJvmOptions("-Dlog4j2.configurationFile=" + resource("/kafka4/tools-log4j2.xml"));
  }

  /**
   * Creates a topic and waits until each partition's leader answers a ListOffsets, so that a producer may write
   * at once (the wait local-kafka makes for KAFKA-15591).
   *
   * @param name the topic, unique per test
   * @param partitions its partition count
   */
  public void createTopic(String name, int partitions) {
    try {
      admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
          .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot create topic '" + name + "' on the Kafka 4 broker", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions).boxed()
        .collect(Collectors.toMap(p -> new TopicPartition(name, p), p -> OffsetSpec.latest()));
    await("the leaders of topic '" + name + "' to answer").atMost(CALL_TIMEOUT).pollInSameThread()
        .pollInterval(Duration.ofMillis(100)).until(() -> {
          try {
            admin().listOffsets(latest).all().get();
            return true;
          } catch (ExecutionException e) {
            return false;
          }
        });
  }

  /**
   * Which protocol a consumer group uses: {@code CONSUMER} (KIP-848) or {@code CLASSIC}.
   *
   * @param group the group
   * @return its type
   */
  public GroupType groupType(String group) {
    try {
      return admin().describeConsumerGroups(List.of(group)).all().get().get(group).type();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe group '" + group + "'", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A member of a consumer group: its static identity (or "" when it has none), its member id, its partitions. */
  public record Member(String instanceId, String memberId, int partitions) {}

  /**
   * The members of a consumer group as the coordinator sees them; a member killed without leaving stays until its
   * session ends.
   *
   * @param group the group
   * @return its members
   */
  public List<Member> members(String group) {
    try {
      return admin().describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
          .map(m -> new Member(m.groupInstanceId().orElse(""), m.consumerId(), m.assignment().topicPartitions().size()))
          .toList();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe group '" + group + "'", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The end of the broker's {@code server.log}, for a failure message.
   *
   * @return its last 40 lines
   */
  public String logTail() {
    try (Stream<String> lines = Files.lines(dir.resolve("server.log"), StandardCharsets.UTF_8)) {
      List<String> all = lines.toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no server.log: " + e.getMessage() + ")";
    }
  }

  /** Stops the broker as Ctrl-C would (SIGTERM: a controlled shutdown), kills it after 30 s, deletes its dir. */
  @Override
  public void close() {
    synchronized (this) {
      if (admin != null) {
        admin.close(Duration.ofSeconds(5));
      }
    }
    process.terminate();
    try {
      if (!process.process().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        System.err.println("the Kafka 4 broker did not stop within " + STOP_TIMEOUT + ": killed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stopAtExit);
      } catch (IllegalStateException e) {
        // The JVM is exiting: the hook runs anyway, and finds the process gone.
      }
      deleteDir(dir);
    }
  }

  private static Path writeServerProperties(Path dir, int brokerPort, int controllerPort) {
    String controller = HOST + ":" + controllerPort;
    // Kafka 4's config/server.properties for one combined node, with local-kafka's test settings: no topic made by
    // a client's request, small internal topics, no rebalance delay for classic groups, a small cleaner buffer.
    String properties = String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.bootstrap.servers=" + controller,
        "listeners=PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + controller,
        "advertised.listeners=PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + controller,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs=" + dir.resolve("data"),
        "num.partitions=1",
        "auto.create.topics.enable=false",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=5",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=5",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "group.consumer.min.session.timeout.ms=" + SESSION_SECONDS * 1000,
        "group.consumer.session.timeout.ms=" + SESSION_SECONDS * 1000,
        "log.cleaner.dedupe.buffer.size=2097152",
        "");
    try {
      return Files.writeString(dir.resolve("server.properties"), properties, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String classPath() {
    String file = System.getProperty(CLASS_PATH_FILE);
    if (file == null || !Files.isRegularFile(Path.of(file))) {
      throw new IllegalStateException("no Kafka 4 class path at " + file + " (system property " + CLASS_PATH_FILE
          + "): build kafka4-dist first (mvn install -pl kafka4-dist)");
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("kafka4-broker-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    try {
      return Path.of(Kafka4Broker.class.getResource(name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteDir(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
