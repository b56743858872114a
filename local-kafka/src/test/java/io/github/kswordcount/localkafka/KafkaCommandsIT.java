package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code topics} and {@code groups} commands against a real broker, each run in this JVM and compared with
 * Kafka 3.9.2's own tool run as a process of its own with the same arguments: the same stdout, stderr and status.
 */
@ExtendWith(LocalKafkaExtension.class)
class KafkaCommandsIT {
  private static final JavaTool KAFKA_TOPICS = JavaTool.mainClass("org.apache.kafka.tools.TopicCommand");
  private static final JavaTool KAFKA_GROUPS =
      JavaTool.mainClass("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand");
  private static final JavaTool FAT_JAR = JavaTool.jar(Path.of("target", "local-kafka.jar"));
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

  /** What one run of a command left. */
  record Run(int code, String out, String err) {
    static Run of(JavaTool.Result result) {
      return new Run(result.exitCode(), result.out(), result.stderr());
    }
  }

  @Test
  void topicsCreatesDescribesAndRefusesATopicTwiceAsKafkaTopics(LocalKafka kafka) {
    String bootstrap = kafka.bootstrapServers();
    String[] create = {"--bootstrap-server", bootstrap, "--create", "--topic", "described", "--partitions", "2",
        "--config", "retention.ms=3600000"};

    assertThat(ours("topics", create)).isEqualTo(new Run(0, "Created topic described.\n", ""));
    // Kafka's tool exits 1 here: inside this JVM, the status comes back and the JVM lives on.
    assertThat(ours("topics", create))
        .isEqualTo(new Run(1, "Error while executing topic command : Topic 'described' already exists.\n", ""));

    String[] describe = {"--bootstrap-server", bootstrap, "--describe", "--topic", "described"};
    Run ours = ours("topics", describe);
    assertThat(ours).isEqualTo(Run.of(KAFKA_TOPICS.run(new byte[0], TOOL_TIMEOUT, describe)));
    assertThat(ours.out()).startsWith("Topic: described\tTopicId: ")
        .contains("\tPartitionCount: 2\tReplicationFactor: 1\tConfigs: retention.ms=3600000\n"
            + "\tTopic: described\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0\tElr: \tLastKnownElr: \n"
            + "\tTopic: described\tPartition: 1\tLeader: 0\tReplicas: 0\tIsr: 0\tElr: \tLastKnownElr: \n");
  }

  @Test
  void groupsDescribesAGroupAsKafkaConsumerGroups(LocalKafka kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("lag", 1, 1);
    KafkaIo.send(bootstrap, List.of(new ProducerRecord<>("lag", 0, null, "один"),
        new ProducerRecord<>("lag", 0, null, "два"), new ProducerRecord<>("lag", 0, null, "три")));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.alterConsumerGroupOffsets("группа", Map.of(new TopicPartition("lag", 0), new OffsetAndMetadata(1)))
          .all().get();
    }
    String[] describe = {"--bootstrap-server", bootstrap, "--describe", "--group", "группа"};

    Run ours = ours("groups", describe);
    Run kafkas = Run.of(KAFKA_GROUPS.run(new byte[0], TOOL_TIMEOUT, describe));
    Run fatJar = Run.of(FAT_JAR.run(new byte[0], TOOL_TIMEOUT, prepend("groups", describe)));

    // Kafka 3.9 ends the table without a newline.
    assertThat(ours).isEqualTo(new Run(0, String.join("\n", "",
        "GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     "
            + "HOST            CLIENT-ID",
        "группа          lag             0          1               3               2               -               -"
            + "               -"),
        "\nConsumer group 'группа' has no active members.\n"));
    assertThat(kafkas).isEqualTo(ours);
    assertThat(fatJar).isEqualTo(ours);
  }

  private static Run ours(String command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = LocalKafkaMain.run(prepend(command, args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(1));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
