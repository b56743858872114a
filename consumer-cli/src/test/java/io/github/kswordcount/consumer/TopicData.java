package io.github.kswordcount.consumer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes the test topics: every kind of record the console consumer must print, with fixed timestamps. */
final class TopicData {

  private TopicData() {}

  static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  static ProducerRecord<byte[], byte[]> record(String topic, Integer partition, long timestamp, byte[] key,
      byte[] value, RecordHeader... headers) {
    return new ProducerRecord<>(topic, partition, timestamp, key, value, List.of(headers));
  }

  static RecordHeader header(String key, String value) {
    return new RecordHeader(key, utf8(value));
  }

  /** Sends and waits for each record, so offsets follow the list. */
  static void send(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap, Map.of())) {
      for (ProducerRecord<byte[], byte[]> record : records) {
        producer.send(record).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * A plain record, two committed transactions around an aborted one, and a plain record again. The
   * timestamps are recent: the broker's retention deletes old ones as soon as a segment rolls.
   */
  static void sendTransactions(String bootstrap, String topic) {
    send(bootstrap, List.of(record(topic, 0, System.currentTimeMillis(), null, utf8("plain-1"))));
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap,
        Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "console-parity"))) {
      producer.initTransactions();
      transaction(producer, topic, true, "c1", "c2");
      transaction(producer, topic, false, "a1", "a2");
      transaction(producer, topic, true, "c3");
    }
    send(bootstrap, List.of(record(topic, 0, System.currentTimeMillis(), null, utf8("plain-2"))));
  }

  private static void transaction(KafkaProducer<byte[], byte[]> producer, String topic, boolean commit,
      String... values) {
    producer.beginTransaction();
    for (String value : values) {
      producer.send(record(topic, 0, System.currentTimeMillis(), utf8("tx"), utf8(value)));
    }
    producer.flush();
    if (commit) {
      producer.commitTransaction();
    } else {
      producer.abortTransaction();
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, Object> extra) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.putAll(extra);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
