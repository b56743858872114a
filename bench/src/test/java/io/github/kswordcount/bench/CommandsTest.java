package io.github.kswordcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {

  private final Commands commands = new Commands(Path.of("/jdk/bin/java"), Path.of("/repo"), "bench.jar",
      "kafka.jar", List.of("--add-opens=java.base/java.nio=ALL-UNNAMED"));

  @Test
  void bothProducersGetTheSameOptions() {
    assertThat(commands.producerCli("127.0.0.1:9092", "t")).containsExactly("/repo/bin/kafka-console-producer.sh",
        "--bootstrap-server", "127.0.0.1:9092", "--topic", "t");
    assertThat(commands.consoleProducer("127.0.0.1:9092", "t")).containsExactly("/jdk/bin/java", "-Xmx512M",
        "-Dlog4j.configuration=file:///repo/bench/kafka-tools/tools-log4j.properties", "-cp", "kafka.jar",
        "kafka.tools.ConsoleProducer", "--bootstrap-server", "127.0.0.1:9092", "--topic", "t");
  }

  @Test
  void bothConsumersGetTheSameOptions() {
    List<String> options = List.of("--bootstrap-server", "b:1", "--topic", "bench", "--from-beginning",
        "--max-messages", "20000");
    assertThat(commands.consumerCli("b:1", "bench", 20_000)).endsWith(options.toArray(String[]::new));
    assertThat(commands.consoleConsumer("b:1", "bench", 20_000)).endsWith(options.toArray(String[]::new))
        .contains("org.apache.kafka.tools.consumer.ConsoleConsumer");
  }

  @Test
  void bothDirectJobsRunOnTheSameMasterAndBatchInterval() {
    assertThat(commands.directApp("b:1", "bench", "g1", 250_000)).containsExactly("/jdk/bin/java", "-jar",
        "/repo/direct-app/target/direct-app.jar", "--bootstrap-server", "b:1", "--topic", "bench", "--group", "g1",
        "--from-beginning", "--master", "local[2]", "--batch-seconds", "2", "--print", "0", "--stop-when-idle", "2",
        "--max-rate-per-partition", "250000", "--spark-conf", "spark.ui.enabled=false");
    assertThat(commands.labJob("b:1", "bench", "g2", 250_000)).containsExactly("/jdk/bin/java",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", "bench.jar",
        "io.github.kswordcount.bench.LabDirectWordCount", "b:1", "g2", "bench", "local[2]", "2", "250000");
  }

  @Test
  void aFullBatchIsTheRatePerPartitionTimesThePartitionsAndTheInterval() {
    // 2 partitions, 2 s batches: 250,000 a second a partition make a batch of 1,000,000; an odd count rounds up.
    assertThat(Commands.maxRatePerPartition(1_000_000)).isEqualTo(250_000);
    assertThat(Commands.maxRatePerPartition(1_000_001)).isEqualTo(250_001);
  }

  @Test
  void theConsoleToolsRunFromTheirFatJarsToo() {
    assertThat(commands.producerCliJar("b:1", "t")).containsExactly("/jdk/bin/java", "-jar",
        "/repo/producer-cli/target/producer-cli.jar", "--bootstrap-server", "b:1", "--topic", "t");
    assertThat(commands.consumerCliJar("b:1", "bench", 5)).containsExactly("/jdk/bin/java", "-jar",
        "/repo/consumer-cli/target/consumer-cli.jar", "--bootstrap-server", "b:1", "--topic", "bench",
        "--from-beginning", "--max-messages", "5");
  }

  @Test
  void theReceiverJobRunsWithOrWithoutTheWriteAheadLog() {
    assertThat(commands.receiverApp("b:1", "bench", "g", null)).endsWith("--no-wal");
    assertThat(commands.receiverApp("b:1", "bench", "g", Path.of("/tmp/c1"))).endsWith("--checkpoint-dir", "/tmp/c1")
        .doesNotContain("--no-wal").contains("--batch-seconds", "0.5");
  }

  @Test
  void kafkasPerformanceToolsGetTheIssuesOptions() {
    assertThat(commands.producerPerformance("b:1", "p", 20_000)).endsWith("org.apache.kafka.tools.ProducerPerformance",
        "--topic", "p", "--num-records", "20000", "--record-size", "62", "--throughput", "-1", "--producer-props",
        "bootstrap.servers=b:1");
    assertThat(commands.consumerPerformance("b:1", "bench", 20_000)).endsWith(
        "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", "b:1", "--topic", "bench", "--messages",
        "20000");
  }
}
