package io.github.kswordcount.localkafka;

import static io.github.kswordcount.localkafka.KafkaIo.byPartition;
import static io.github.kswordcount.localkafka.KafkaIo.readText;
import static io.github.kswordcount.localkafka.KafkaIo.send;
import static io.github.kswordcount.localkafka.KafkaIo.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocalKafkaIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder.topic("lab", 2));

  @Test
  void startsWithTheBuilderTopicLedOnEveryPartition(LocalKafka kafka) throws Exception {
    assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicDescription lab = admin.describeTopics(List.of("lab")).allTopicNames().get().get("lab");
      assertThat(lab.partitions()).extracting(TopicPartitionInfo::partition).containsExactly(0, 1);
      assertThat(lab.partitions()).allSatisfy(p -> assertThat(p.leader().id()).isZero());
    }
  }

  @Test
  void roundTripsExactValuesAndOffsets(LocalKafka kafka) {
    kafka.createTopic("round-trip", 1, 1);
    List<ProducerRecord<String, String>> records = List.of(
        new ProducerRecord<>("round-trip", "a", "первая строка"),
        new ProducerRecord<>("round-trip", "b", "second line"),
        new ProducerRecord<>("round-trip", "c", "третья ✓"));

    List<RecordMetadata> sent = send(kafka.bootstrapServers(), records);

    assertThat(sent).extracting(RecordMetadata::offset).containsExactly(0L, 1L, 2L);
    assertThat(byPartition(readText(kafka.bootstrapServers(), "round-trip"))).isEqualTo(Map.of(0, List.of(
        "a=первая строка@0", "b=second line@1", "c=третья ✓@2")));
  }

  @Test
  void keyedRecordsLandOnBothPartitionsByKeyHash(LocalKafka kafka) {
    kafka.createTopic("keyed", 2, 1);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    Map<Integer, List<String>> expected = new TreeMap<>();
    for (int i = 0; i < 10; i++) {
      String key = "key-" + i;
      // Kafka's own key hashing is the oracle for where each keyed record must go.
      int partition = BuiltInPartitioner.partitionForKey(utf8(key), 2);
      List<String> onPartition = expected.computeIfAbsent(partition, p -> new ArrayList<>());
      onPartition.add(key + "=value-" + i + "@" + onPartition.size());
      records.add(new ProducerRecord<>("keyed", key, "value-" + i));
    }
    assertThat(expected).containsOnlyKeys(0, 1);

    send(kafka.bootstrapServers(), records);

    assertThat(byPartition(readText(kafka.bootstrapServers(), "keyed"))).isEqualTo(expected);
  }

  @Test
  void createTopicAcceptsAnExistingTopicWithTheSamePartitionCountOnly(LocalKafka kafka) {
    kafka.createTopic("twice", 2, 1);
    kafka.createTopic("twice", 2, 1);

    assertThatThrownBy(() -> kafka.createTopic("twice", 3, 1))
        .isInstanceOf(LocalKafkaException.class)
        .hasMessage("topic 'twice' already exists with 2 partition(s), not 3");
  }

  @Test
  void createTopicReportsAReplicationFactorTheClusterCannotMeet(LocalKafka kafka) {
    assertThatThrownBy(() -> kafka.createTopic("too-replicated", 1, 3))
        .isInstanceOf(LocalKafkaException.class)
        .hasMessageStartingWith("cannot create topic 'too-replicated': ");
  }

  @Test
  void neverCreatesATopicJustBecauseAClientUsesIt(LocalKafka kafka) throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500);
    try (KafkaProducer<String, String> producer =
           new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      Future<RecordMetadata> sent = producer.send(new ProducerRecord<>("never-created", "x"));

      assertThatThrownBy(sent::get).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(TimeoutException.class)
          .hasMessage("Topic never-created not present in metadata after 1500 ms.");
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).doesNotContain("never-created");
    }
  }
}
