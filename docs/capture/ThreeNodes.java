import io.github.kswordcount.localkafka.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * KRaft with three nodes, each a broker and a controller: who leads the metadata quorum and each partition, what
 * happens when the partition's leader stops, and that an acks=all write made before the stop is still there. Uses
 * local-kafka's Java API (what the tests use: one process cannot stop one of its nodes from the command line).
 * Run from the repository's root: {@code java -cp local-kafka/target/local-kafka.jar docs/capture/ThreeNodes.java}.
 */
public final class ThreeNodes {
  public static void main(String[] args) throws Exception {
    try (LocalKafka kafka = LocalKafka.builder().nodes(3).port(19092).dataDir(Path.of(args[0]))
        .brokerConfig("min.insync.replicas", "2").build().start();
        Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
      System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
      kafka.createTopic("replicated", 1, 3);
      await(() -> partition(admin).isr().size() == 3);
      int controller = quorum(admin);
      System.out.println("partition replicated-0: " + describe(partition(admin)));
      send(kafka, "written-before-the-stop");

      int leader = partition(admin).leader().id();
      System.out.println("stopping node " + leader + ", the partition's leader"
          + (leader == controller ? " and the active controller" : "") + " ...");
      kafka.stopNode(leader);
      await(() -> partition(admin).leader() != null && partition(admin).leader().id() != leader
          && partition(admin).isr().size() == 2);
      quorum(admin);
      System.out.println("partition replicated-0: " + describe(partition(admin)));
      send(kafka, "written-with-a-node-down");
      System.out.println("records: " + readAll(kafka));

      kafka.startNode(leader);
      await(() -> partition(admin).isr().size() == 3);
      System.out.println("node " + leader + " is back: partition replicated-0: " + describe(partition(admin)));
    }
  }

  private static int quorum(Admin admin) throws Exception {
    QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
    System.out.println("metadata quorum: leader (active controller) node " + quorum.leaderId() + ", epoch "
        + quorum.leaderEpoch() + ", voters " + quorum.voters().stream().map(v -> v.replicaId() + "")
        .collect(Collectors.joining(",")) + ", high watermark " + quorum.highWatermark());
    return quorum.leaderId();
  }

  private static TopicPartitionInfo partition(Admin admin) {
    try {
      return admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated").partitions().get(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(TopicPartitionInfo partition) {
    return "leader " + partition.leader().id() + ", replicas " + ids(partition.replicas()) + ", in sync "
        + ids(partition.isr());
  }

  private static String ids(List<org.apache.kafka.common.Node> nodes) {
    return nodes.stream().map(n -> n.id() + "").sorted().collect(Collectors.joining(","));
  }

  private static void send(LocalKafka kafka, String value) throws Exception {
    Properties props = new Properties();
    props.putAll(kafka.clientConfig());
    props.put("acks", "all");
    try (KafkaProducer<String, String> producer =
             new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      var sent = producer.send(new ProducerRecord<>("replicated", value)).get();
      System.out.println("sent '" + value + "' with acks=all: offset " + sent.offset());
    }
  }

  private static List<String> readAll(LocalKafka kafka) {
    Properties props = new Properties();
    props.putAll(kafka.clientConfig());
    TopicPartition partition = new TopicPartition("replicated", 0);
    try (KafkaConsumer<String, String> consumer =
             new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      List<String> values = new java.util.ArrayList<>();
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.offset() + ":" + record.value());
        }
      }
      return values;
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not within 60 s");
      }
      Thread.sleep(100);
    }
  }
}
