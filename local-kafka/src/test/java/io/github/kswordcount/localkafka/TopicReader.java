package io.github.kswordcount.localkafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The test kit's one way to read a topic back: every record from the beginning to the end offsets of the call. */
public final class TopicReader {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TopicReader() {}

  /**
   * Reads every record of every partition of a topic, up to the end offsets of the moment (for
   * {@code read_committed}: the last stable offsets).
   *
   * @param bootstrap the brokers
   * @param topic the topic
   * @param isolation {@code read_committed} or {@code read_uncommitted}
   * @return the records, in partition order, then offset order
   * @throws AssertionError when the end is not reached within 60 s
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, String isolation) {
    return readAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic, isolation);
  }

  /**
   * {@link #readAll(String, String, String)} as a client with these settings, e.g. a secured cluster's
   * {@code kafka.clientConfig("alice")}; partitions are assigned, so only Read on the topic is needed.
   *
   * @param client bootstrap.servers and any security settings
   * @param topic the topic
   * @param isolation {@code read_committed} or {@code read_uncommitted}
   * @return the records, in partition order, then offset order
   * @throws AssertionError when the end is not reached within 60 s
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(Map<String, String> client, String topic,
      String isolation) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Whatever a fetch brought, in one poll: at the default 500 a poll, with the wait's 50 ms between polls, a
    // million records need 100 s.
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Integer.MAX_VALUE));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      await("all records of " + topic + " up to offsets " + end).atMost(TIMEOUT).pollInSameThread().until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
      });
      records.sort(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
          .thenComparingLong(ConsumerRecord::offset));
      return records;
    }
  }
}
