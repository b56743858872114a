package io.github.kswordcount.localkafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for the integration tests: synchronous sends and reading a topic to its end. */
final class TestClients {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TestClients() {
  }

  /** Sends each record with acks=all and waits for it, so offsets follow the list order. */
  static List<RecordMetadata> send(String bootstrap, List<ProducerRecord<String, String>> records) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
           new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      List<RecordMetadata> sent = new ArrayList<>();
      for (ProducerRecord<String, String> record : records) {
        sent.add(producer.send(record).get());
      }
      return sent;
    } catch (ExecutionException e) {
      throw new AssertionError("send failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every record of every partition of {@code topic}, read from the beginning to the current end. */
  static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
    try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
          .map(info -> new TopicPartition(topic, info.partition()))
          .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      Await.until("all records of " + topic + " up to offsets " + end, TIMEOUT, () -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
      });
      return records;
    }
  }

  /** "key=value@offset" per partition: one string says everything an exact assertion needs. */
  static Map<Integer, List<String>> byPartition(List<ConsumerRecord<String, String>> records) {
    return records.stream().collect(Collectors.groupingBy(ConsumerRecord::partition,
        Collectors.mapping(r -> r.key() + "=" + r.value() + "@" + r.offset(), Collectors.toList())));
  }

  static KafkaConsumer<String, String> consumer(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
