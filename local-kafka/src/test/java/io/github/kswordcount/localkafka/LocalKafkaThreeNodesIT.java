package io.github.kswordcount.localkafka;

import static org.awaitility.Awaitility.await;
import static io.github.kswordcount.localkafka.KafkaIo.TIMEOUT;
import static io.github.kswordcount.localkafka.KafkaIo.readText;
import static io.github.kswordcount.localkafka.KafkaIo.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocalKafkaThreeNodesIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(
      builder -> builder.nodes(3).brokerConfig("min.insync.replicas", "2"));

  @Test
  void keepsServingAcksAllWritesAndReadsWithTheLeaderStopped(LocalKafka kafka) throws Exception {
    assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");
    kafka.createTopic("replicated", 1, 3);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      assertThat(partition(admin).replicas()).hasSize(3);
      send(kafka.bootstrapServers(), records("before-0", "before-1"));
      int leader = partition(admin).leader().id();

      kafka.stopNode(leader);
      List<RecordMetadata> during = send(kafka.bootstrapServers(), records("during-0", "during-1"));

      assertThat(during).extracting(RecordMetadata::offset).containsExactly(2L, 3L);
      assertThat(valuesAt(readText(kafka.bootstrapServers(), "replicated")))
          .containsExactly("before-0@0", "before-1@1", "during-0@2", "during-1@3");

      kafka.startNode(leader);
      await("node " + leader + " back in sync").atMost(TIMEOUT).pollInSameThread()
          .until(() -> partition(admin).isr().size() == 3);
      send(kafka.bootstrapServers(), records("after-0"));
      assertThat(valuesAt(readText(kafka.bootstrapServers(), "replicated")))
          .containsExactly("before-0@0", "before-1@1", "during-0@2", "during-1@3", "after-0@4");
    }
  }

  private static List<ProducerRecord<String, String>> records(String... values) {
    return List.of(values).stream().map(v -> new ProducerRecord<String, String>("replicated", v))
        .collect(Collectors.toList());
  }

  private static List<String> valuesAt(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(r -> r.value() + "@" + r.offset()).collect(Collectors.toList());
  }

  private static TopicPartitionInfo partition(Admin admin) {
    try {
      return admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated")
          .partitions().get(0);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
