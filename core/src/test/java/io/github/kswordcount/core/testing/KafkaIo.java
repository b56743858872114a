package io.github.kswordcount.core.testing;

import io.github.kswordcount.localkafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for integration tests: write lines, sum what a topic holds, read a group's offsets. */
public final class KafkaIo {

  private KafkaIo() {}

  private static Map<String, Object> plain(String bootstrap) {
    return Map.of("bootstrap.servers", bootstrap);
  }

  /**
   * Writes lines as UTF-8 values, keyed by line number so they spread over the partitions; waits for all acks.
   *
   * @param bootstrap the brokers
   * @param topic the topic
   * @param lines the lines
   */
  public static void produceLines(String bootstrap, String topic, List<String> lines) {
    produceLines(plain(bootstrap), topic, lines);
  }

  /**
   * As {@link #produceLines(String, String, List)}, with a client's settings (a secured broker's user).
   *
   * @param client the connection and security settings
   * @param topic the topic
   * @param lines the lines
   */
  public static void produceLines(Map<String, ?> client, String topic, List<String> lines) {
    List<byte[]> values = new ArrayList<>(lines.size());
    lines.forEach(l -> values.add(l.getBytes(StandardCharsets.UTF_8)));
    produceValues(client, topic, values);
  }

  /**
   * Writes raw values (null for a tombstone), keyed by index; waits for all acks.
   *
   * @param bootstrap the brokers
   * @param topic the topic
   * @param values the values
   */
  public static void produceValues(String bootstrap, String topic, List<byte[]> values) {
    produceValues(plain(bootstrap), topic, values);
  }

  private static void produceValues(Map<String, ?> client, String topic, List<byte[]> values) {
    Map<String, Object> config = new HashMap<>(client);
    config.putAll(Map.of("acks", "all", "linger.ms", "5", "key.serializer", ByteArraySerializer.class.getName(),
        "value.serializer", ByteArraySerializer.class.getName()));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        byte[] key = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
        sent.add(producer.send(new ProducerRecord<>(topic, key, values.get(i))));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("produce failed", e.getCause());
    }
  }

  /**
   * Sums the counts an output topic holds per word (the per-batch counts written by the jobs).
   *
   * @param bootstrap the brokers
   * @param topic the output topic
   * @param isolation the isolation level to read with
   * @return word to summed count
   */
  public static Map<String, Long> sumCounts(String bootstrap, String topic, String isolation) {
    return sumCounts(plain(bootstrap), topic, isolation);
  }

  /**
   * As {@link #sumCounts(String, String, String)}, with a client's settings (a secured broker's user).
   *
   * @param client the connection and security settings
   * @param topic the output topic
   * @param isolation the isolation level to read with
   * @return word to summed count
   */
  public static Map<String, Long> sumCounts(Map<String, ?> client, String topic, String isolation) {
    Map<String, Long> sums = new HashMap<>();
    Map<String, String> config = new HashMap<>();
    client.forEach((k, v) -> config.put(k, String.valueOf(v)));
    for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(config, topic, isolation)) {
      sums.merge(new String(r.key(), StandardCharsets.UTF_8),
          Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)), Long::sum);
    }
    return sums;
  }

  /**
   * The last count written per word (running totals).
   *
   * @param bootstrap the brokers
   * @param topic the output topic
   * @param isolation the isolation level to read with
   * @return word to its last value
   */
  public static Map<String, Long> lastCounts(String bootstrap, String topic, String isolation) {
    Map<String, Long> last = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(bootstrap, topic, isolation)) {
      last.put(new String(r.key(), StandardCharsets.UTF_8), Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)));
    }
    return last;
  }

  /**
   * A group's committed offsets.
   *
   * @param bootstrap the brokers
   * @param group the group
   * @return offset per partition
   */
  public static Map<TopicPartition, Long> committed(String bootstrap, String group) {
    return committed(plain(bootstrap), group);
  }

  /**
   * As {@link #committed(String, String)}, with a client's settings (a secured broker's user).
   *
   * @param client the connection and security settings
   * @param group the group
   * @return offset per partition
   */
  public static Map<TopicPartition, Long> committed(Map<String, ?> client, String group) {
    try (Admin admin = Admin.create(new HashMap<String, Object>(client))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, Long> result = new HashMap<>();
      offsets.forEach((tp, om) -> result.put(tp, om.offset()));
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The end offsets of a topic's partitions.
   *
   * @param bootstrap the brokers
   * @param topic the topic
   * @param partitions how many partitions it has
   * @return end offset per partition
   */
  public static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic, int partitions) {
    return endOffsets(plain(bootstrap), topic, partitions);
  }

  /**
   * As {@link #endOffsets(String, String, int)}, with a client's settings (a secured broker's user).
   *
   * @param client the connection and security settings
   * @param topic the topic
   * @param partitions how many partitions it has
   * @return end offset per partition
   */
  public static Map<TopicPartition, Long> endOffsets(Map<String, ?> client, String topic, int partitions) {
    try (Admin admin = Admin.create(new HashMap<String, Object>(client))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
      return ends;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Writes lines in one transaction of a transactional producer, then commits or aborts it; either way the
   * topic gets a transaction marker after the lines.
   *
   * @param bootstrap the brokers
   * @param topic the topic
   * @param lines the lines
   * @param commit {@code true} to commit, {@code false} to abort (the lines then stay invisible to
   *     {@code read_committed} readers)
   */
  public static void produceInTransaction(String bootstrap, String topic, List<String> lines, boolean commit) {
    Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "transactional.id", "test-tx-" + topic,
        "key.serializer", ByteArraySerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < lines.size(); i++) {
        producer.send(new ProducerRecord<>(topic, Integer.toString(i).getBytes(StandardCharsets.UTF_8),
            lines.get(i).getBytes(StandardCharsets.UTF_8)));
      }
      if (commit) {
        producer.commitTransaction();
      } else {
        producer.abortTransaction();
      }
    }
  }

  /**
   * Removes a topic-level setting, so the broker's default applies again.
   *
   * @param bootstrap the brokers
   * @param topic the topic
   * @param key the setting
   */
  public static void deleteTopicConfig(String bootstrap, String topic, String key) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      admin.incrementalAlterConfigs(Map.of(resource, List.of(
          new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE)))).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Deletes a topic and waits until the broker has.
   *
   * @param bootstrap the brokers
   * @param topic the topic
   */
  public static void deleteTopic(String bootstrap, String topic) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.deleteTopics(List.of(topic)).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The fewest in-sync replicas of any partition of a topic, for tests that stop and start nodes.
   *
   * @param bootstrap the brokers
   * @param topic the topic
   * @return the fewest, or -1 while the cluster does not answer (metadata moving: ask again)
   */
  public static int inSyncReplicas(String bootstrap, String topic) {
    try (Admin admin = Admin.create(plain(bootstrap))) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
          .mapToInt(p -> p.isr().size()).min().orElse(-1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      return -1;
    }
  }
}
