package io.github.kswordcount.localkafka;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The tests' one kit of plain Kafka clients: write records or lines, read a topic back to its end, sum the counts
 * a job wrote, and ask the cluster for offsets, in-sync replicas and settings. Topics are made with
 * {@link LocalKafka#createTopic}, which returns them ready for writes.
 *
 * <p>Each method takes either {@code bootstrap.servers} or a client's whole settings (a secured cluster's
 * {@code kafka.clientConfig("alice")}).
 */
public final class KafkaIo {
  /** The deadline of each read and of each wait for authorization. */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private KafkaIo() {
  }

  private static Map<String, Object> plain(String bootstrap) {
    return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
  }

  // ---- writing

  /**
   * Sends each record with acks=all and waits for it, so offsets follow the list order.
   *
   * @param bootstrap the brokers
   * @param records the records
   * @return where each landed
   * @throws AssertionError when a send fails, with Kafka's exception as the cause
   */
  public static List<RecordMetadata> send(String bootstrap, List<ProducerRecord<String, String>> records) {
    return send(plain(bootstrap), records);
  }

  /**
   * {@link #send(String, List)} with these client settings (bootstrap and security).
   *
   * @param client the connection and security settings
   * @param records the records
   * @return where each landed
   */
  public static List<RecordMetadata> send(Map<String, ?> client, List<ProducerRecord<String, String>> records) {
    return sendEach(client, new StringSerializer(), records);
  }

  /**
   * {@link #send(String, List)} for records of bytes (keys, values and headers as given, null included).
   *
   * @param bootstrap the brokers
   * @param records the records
   * @return where each landed
   */
  public static List<RecordMetadata> sendBytes(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
    return sendEach(plain(bootstrap), new ByteArraySerializer(), records);
  }

  private static <T> List<RecordMetadata> sendEach(Map<String, ?> client, Serializer<T> serializer,
      List<ProducerRecord<T, T>> records) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<T, T> producer = new KafkaProducer<>(config, serializer, serializer)) {
      List<RecordMetadata> sent = new ArrayList<>();
      for (ProducerRecord<T, T> record : records) {
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
   * A record of bytes with a fixed timestamp.
   *
   * @param topic the topic
   * @param partition the partition, or null for the partitioner's choice
   * @param timestamp the timestamp
   * @param key the key, or null
   * @param value the value, or null
   * @param headers its headers
   * @return the record
   */
  public static ProducerRecord<byte[], byte[]> record(String topic, Integer partition, long timestamp, byte[] key,
      byte[] value, RecordHeader... headers) {
    return new ProducerRecord<>(topic, partition, timestamp, key, value, List.of(headers));
  }

  /**
   * A header with a UTF-8 value.
   *
   * @param key the key
   * @param value the value, or null
   * @return the header
   */
  public static RecordHeader header(String key, String value) {
    return new RecordHeader(key, utf8(value));
  }

  /**
   * UTF-8 bytes.
   *
   * @param text the text, or null
   * @return its bytes, or null
   */
  public static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
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
   * Makes a secured client's call again until the brokers it reaches authorize it. Each broker's authorizer learns
   * ACLs from the metadata log on its own (after a grant, and again after a restart), so the broker that listed an
   * ACL may be ahead of the one that answers: the partition's leader, or the one asked for a producer id. A refused
   * call wrote nothing, so trying again cannot duplicate a record.
   *
   * @param what the call, for the failure message
   * @param call the call
   * @param <T> its result type
   * @return its result once authorized
   */
  public static <T> T onceAuthorized(String what, Supplier<T> call) {
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

  // ---- reading

  /**
   * Reads every record of every partition of a topic, up to the end offsets of the moment (for
   * {@code read_committed}: the last stable offsets).
   *
   * @param bootstrap the brokers
   * @param topic the topic
   * @param isolation {@code read_committed} or {@code read_uncommitted}
   * @return the records, in partition order, then offset order
   * @throws org.awaitility.core.ConditionTimeoutException when the end is not reached within 60 s
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, String isolation) {
    return readAll(plain(bootstrap), topic, isolation);
  }

  /**
   * {@link #readAll(String, String, String)} as a client with these settings, e.g. a secured cluster's
   * {@code kafka.clientConfig("alice")}; partitions are assigned, so only Read on the topic is needed.
   *
   * @param client bootstrap.servers and any security settings
   * @param topic the topic
   * @param isolation {@code read_committed} or {@code read_uncommitted}
   * @return the records, in partition order, then offset order
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(Map<String, ?> client, String topic,
      String isolation) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Whatever a fetch brought, in one poll: at the default 500 a poll, with the wait's pause between polls, a
    // million records need minutes.
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

  /**
   * Every record of every partition of {@code topic}, read from the beginning to the current end
   * ({@code read_uncommitted}), keys and values as UTF-8 text.
   *
   * @param bootstrap the brokers
   * @param topic the topic
   * @return the records, in partition order, then offset order
   */
  public static List<ConsumerRecord<String, String>> readText(String bootstrap, String topic) {
    return readText(plain(bootstrap), topic);
  }

  /**
   * {@link #readText(String, String)} with these client settings (bootstrap and security).
   *
   * @param client the connection and security settings
   * @param topic the topic
   * @return the records, in partition order, then offset order
   */
  public static List<ConsumerRecord<String, String>> readText(Map<String, ?> client, String topic) {
    return readAll(client, topic, "read_uncommitted").stream()
        .map(r -> new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), text(r.key()), text(r.value())))
        .collect(Collectors.toList());
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * What two producers wrote, comparable: one {@code partition|key|value|[header=value,...]} line per record, sorted,
   * {@code <null>} for a null; an unkeyed record's partition is {@code *} (the sticky partitioner's choice is not
   * part of a producer's contract).
   *
   * @param records the records, e.g. from {@link #readAll(String, String, String)}
   * @return the lines, sorted
   */
  public static List<String> recordLines(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(r -> (r.key() == null ? "*" : Integer.toString(r.partition())) + "|" + shown(r.key()) + "|"
            + shown(r.value()) + "|" + Arrays.stream(r.headers().toArray())
                .map(h -> h.key() + "=" + shown(h.value())).collect(Collectors.joining(",", "[", "]")))
        .sorted()
        .toList();
  }

  private static String shown(byte[] bytes) {
    return bytes == null ? "<null>" : new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * "key=value@offset" per partition: one string says everything an exact assertion needs.
   *
   * @param records the records
   * @return the strings per partition, in the records' order
   */
  public static Map<Integer, List<String>> byPartition(List<ConsumerRecord<String, String>> records) {
    return records.stream().collect(Collectors.groupingBy(ConsumerRecord::partition,
        Collectors.mapping(r -> r.key() + "=" + r.value() + "@" + r.offset(), Collectors.toList())));
  }

  /**
   * A text consumer that commits only when told to.
   *
   * @param bootstrap the brokers
   * @return the consumer; close it
   */
  public static KafkaConsumer<String, String> consumer(String bootstrap) {
    return consumer(plain(bootstrap));
  }

  /**
   * {@link #consumer(String)} with these client settings (bootstrap, security, group).
   *
   * @param client the settings
   * @return the consumer; close it
   */
  public static KafkaConsumer<String, String> consumer(Map<String, ?> client) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
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
    for (ConsumerRecord<byte[], byte[]> r : readAll(client, topic, isolation)) {
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
    for (ConsumerRecord<byte[], byte[]> r : readAll(bootstrap, topic, isolation)) {
      last.put(new String(r.key(), StandardCharsets.UTF_8), Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)));
    }
    return last;
  }

  // ---- asking the cluster

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
   * Removes a topic-level setting, so the broker's default applies again.
   *
   * @param bootstrap the brokers
   * @param topic the topic
   * @param key the setting
   */
  public static void deleteTopicConfig(String bootstrap, String topic, String key) {
    try (Admin admin = Admin.create(plain(bootstrap))) {
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
   * The cluster's topics.
   *
   * @param bootstrap the brokers
   * @return their names
   */
  public static Set<String> topicNames(String bootstrap) {
    try (Admin admin = Admin.create(plain(bootstrap))) {
      return admin.listTopics().names().get();
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
    try (Admin admin = Admin.create(plain(bootstrap))) {
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
