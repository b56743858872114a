package io.github.kswordcount.localkafka;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for the integration tests: synchronous sends and reading a topic to its end. */
final class TestClients {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TestClients() {
  }

  /** Sends each record with acks=all and waits for it, so offsets follow the list order. */
  static List<RecordMetadata> send(String bootstrap, List<ProducerRecord<String, String>> records) {
    return send(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), records);
  }

  /** {@link #send(String, List)} with these client settings (bootstrap and security). */
  static List<RecordMetadata> send(Map<String, String> client, List<ProducerRecord<String, String>> records) {
    Map<String, Object> config = new HashMap<>(client);
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

  /**
   * Makes a secured client's call again until the brokers it reaches authorize it. Each broker's authorizer learns
   * ACLs from the metadata log on its own (after a grant, and again after a restart), so the broker that listed an
   * ACL may be ahead of the one that answers: the partition's leader, or the one asked for a producer id. A refused
   * call wrote nothing, so trying again cannot duplicate a record.
   */
  static <T> T onceAuthorized(String what, Supplier<T> call) {
    AtomicReference<T> result = new AtomicReference<>();
    await("the brokers to authorize " + what).atMost(TIMEOUT).pollInSameThread().until(() -> {
      try {
        result.set(call.get());
        return true;
      } catch (AuthorizationException e) {
        return false;
      } catch (AssertionError e) {
        if (e.getCause() instanceof AuthorizationException) {
          return false;
        }
        throw e;
      }
    });
    return result.get();
  }

  /** Every record of every partition of {@code topic}, read from the beginning to the current end, as text. */
  static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
    return readAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic);
  }

  /** {@link #readAll(String, String)} with these client settings (bootstrap and security). */
  static List<ConsumerRecord<String, String>> readAll(Map<String, String> client, String topic) {
    return TopicReader.readAll(client, topic, "read_uncommitted").stream()
        .map(r -> new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), text(r.key()), text(r.value())))
        .collect(Collectors.toList());
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /** "key=value@offset" per partition: one string says everything an exact assertion needs. */
  static Map<Integer, List<String>> byPartition(List<ConsumerRecord<String, String>> records) {
    return records.stream().collect(Collectors.groupingBy(ConsumerRecord::partition,
        Collectors.mapping(r -> r.key() + "=" + r.value() + "@" + r.offset(), Collectors.toList())));
  }

  static KafkaConsumer<String, String> consumer(String bootstrap) {
    return consumer(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  static KafkaConsumer<String, String> consumer(Map<String, String> client) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
