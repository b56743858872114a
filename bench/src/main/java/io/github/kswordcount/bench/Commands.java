package io.github.kswordcount.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of every process the benchmark starts. Both sides of a pair get the same JVM and the same tool
 * options; Kafka's tools run on their own class path with Kafka's tools-log4j.properties and the 512 MiB heap of
 * their scripts, as Kafka's scripts run them (ours through bin/ get the same heap from theirs).
 *
 * @param java the {@code java} launcher
 * @param root the repository root (the fat jars are {@code <module>/target/<module>.jar})
 * @param benchClassPath the bench module's classes and dependencies, for the lab's job
 * @param kafkaClassPath Kafka's tools and their dependencies
 * @param sparkJvmFlags what the lab's job needs on Java 17 ({@code --add-opens}, the fat jars have them in their
 *     manifest)
 */
record Commands(Path java, Path root, String benchClassPath, String kafkaClassPath, List<String> sparkJvmFlags) {

  /** Spark master of every job. */
  static final String MASTER = "local[2]";
  /** Batch interval of the direct jobs, seconds. */
  static final String DIRECT_BATCH_SECONDS = "2";
  /** Batch interval of the receiver job, seconds: half a second gives its rate a finer grain. */
  static final String RECEIVER_BATCH_SECONDS = "0.5";

  /**
   * A module's fat jar.
   *
   * @param module e.g. {@code producer-cli}
   * @return {@code <root>/<module>/target/<module>.jar}
   */
  Path jar(String module) {
    return root.resolve(module).resolve("target").resolve(module + ".jar");
  }

  List<String> localKafka(Path dataDir, String topic) {
    return List.of(java.toString(), "-jar", jar("local-kafka").toString(), "--port", "0", "--data-dir",
        dataDir.toString(), "--topic", topic + ":" + BenchTopics.PARTITIONS);
  }

  List<String> producerCli(String bootstrap, String topic) {
    return script("kafka-console-producer.sh", "--bootstrap-server", bootstrap, "--topic", topic);
  }

  /** producer-cli from its fat jar, {@code java -jar}, as the README's lab steps ran it before. */
  List<String> producerCliJar(String bootstrap, String topic) {
    return ours("producer-cli", "--bootstrap-server", bootstrap, "--topic", topic);
  }

  List<String> consoleProducer(String bootstrap, String topic) {
    return kafka("kafka.tools.ConsoleProducer", "--bootstrap-server", bootstrap, "--topic", topic);
  }

  List<String> consumerCli(String bootstrap, String topic, long messages) {
    return script("kafka-console-consumer.sh", consumerArgs(bootstrap, topic, messages));
  }

  /** consumer-cli from its fat jar, {@code java -jar}. */
  List<String> consumerCliJar(String bootstrap, String topic, long messages) {
    return ours("consumer-cli", consumerArgs(bootstrap, topic, messages));
  }

  List<String> consoleConsumer(String bootstrap, String topic, long messages) {
    return kafka("org.apache.kafka.tools.consumer.ConsoleConsumer", consumerArgs(bootstrap, topic, messages));
  }

  private static String[] consumerArgs(String bootstrap, String topic, long messages) {
    return new String[] {"--bootstrap-server", bootstrap, "--topic", topic, "--from-beginning", "--max-messages",
        Long.toString(messages)};
  }

  /**
   * The records per second per partition that make a direct job's batch hold {@code batchRecords} records: a
   * backlog of several batches is then read one full batch at a time, the first cold, the later ones warm.
   *
   * @param batchRecords the records of a full batch
   * @return the rate, rounded up
   */
  static long maxRatePerPartition(long batchRecords) {
    long perSecond = Math.round(Double.parseDouble(DIRECT_BATCH_SECONDS) * BenchTopics.PARTITIONS);
    return (batchRecords + perSecond - 1) / perSecond;
  }

  List<String> directApp(String bootstrap, String topic, String group, long maxRatePerPartition) {
    return ours("direct-app", "--bootstrap-server", bootstrap, "--topic", topic, "--group", group, "--from-beginning",
        "--master", MASTER, "--batch-seconds", DIRECT_BATCH_SECONDS, "--print", "0", "--stop-when-idle", "2",
        "--max-rate-per-partition", Long.toString(maxRatePerPartition), "--spark-conf", "spark.ui.enabled=false");
  }

  List<String> labJob(String bootstrap, String topic, String group, long maxRatePerPartition) {
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(sparkJvmFlags);
    command.addAll(List.of("-cp", benchClassPath, LabDirectWordCount.class.getName(), bootstrap, group, topic, MASTER,
        DIRECT_BATCH_SECONDS, Long.toString(maxRatePerPartition)));
    return command;
  }

  /** The receiver job, one receiver; {@code checkpointDir} turns the write-ahead log on, {@code null} off. */
  List<String> receiverApp(String bootstrap, String topic, String group, Path checkpointDir) {
    List<String> command = ours("receiver-app", "--bootstrap-server", bootstrap, "--topic", topic, "--group", group,
        "--from-beginning", "--master", MASTER, "--batch-seconds", RECEIVER_BATCH_SECONDS, "--print", "0",
        "--stop-when-idle", "4", "--spark-conf", "spark.ui.enabled=false");
    command.addAll(checkpointDir == null ? List.of("--no-wal") : List.of("--checkpoint-dir", checkpointDir.toString()));
    return command;
  }

  List<String> producerPerformance(String bootstrap, String topic, long records) {
    return kafka("org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
        Long.toString(records), "--record-size", "62", "--throughput", "-1", "--producer-props",
        "bootstrap.servers=" + bootstrap);
  }

  List<String> consumerPerformance(String bootstrap, String topic, long records) {
    return kafka("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap, "--topic", topic,
        "--messages", Long.toString(records));
  }

  private List<String> ours(String module, String... args) {
    List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar(module).toString()));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * A console tool of ours as users run it, through its bin/ script (its fat jar with a class-data sharing archive,
   * which the script makes on its first run: the suite runs each once before timing it).
   */
  private List<String> script(String name, String... args) {
    List<String> command = new ArrayList<>(List.of(root.resolve("bin").resolve(name).toString()));
    command.addAll(List.of(args));
    return command;
  }

  private List<String> kafka(String mainClass, String... args) {
    Path log4j = root.resolve("bench").resolve("kafka-tools").resolve("tools-log4j.properties");
    // -Xmx512M: what bin/kafka-console-producer.sh, kafka-console-consumer.sh, kafka-producer-perf-test.sh and
    // kafka-consumer-perf-test.sh set, as ours do through bin/.
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512M",
        "-Dlog4j.configuration=" + log4j.toUri(), "-cp", kafkaClassPath, mainClass));
    command.addAll(List.of(args));
    return command;
  }
}
