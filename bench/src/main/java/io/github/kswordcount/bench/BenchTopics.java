package io.github.kswordcount.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The benchmark's topics on its broker: created, filled from the text file, and their records counted. */
final class BenchTopics implements AutoCloseable {

  /** Partitions of every topic the benchmark uses. */
  static final int PARTITIONS = 2;
  private static final long TIMEOUT_S = 60;

  private final String bootstrapServers;
  private final Admin admin;

  BenchTopics(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(config);
  }

  /**
   * Creates a topic of {@link #PARTITIONS} partitions, replication factor 1.
   *
   * @param name the topic
   */
  void create(String name) {
    await(() -> admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get(TIMEOUT_S,
        TimeUnit.SECONDS), "cannot create topic '" + name + "'");
  }

  /**
   * The records in a topic (written without transactions): end offsets less start offsets, all partitions.
   *
   * @param name the topic
   * @return the count
   */
  long records(String name) {
    return await(() -> {
      List<TopicPartition> partitions = admin.describeTopics(List.of(name)).allTopicNames().get(TIMEOUT_S,
          TimeUnit.SECONDS).get(name).partitions().stream().map(p -> new TopicPartition(name, p.partition())).toList();
      long end = sum(partitions, OffsetSpec.latest());
      return end - sum(partitions, OffsetSpec.earliest());
    }, "cannot count the records of topic '" + name + "'");
  }

  private long sum(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
    Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(Function.identity(),
        p -> spec));
    return admin.listOffsets(request).all().get(TIMEOUT_S, TimeUnit.SECONDS).values().stream()
        .mapToLong(info -> info.offset()).sum();
  }

  /**
   * Sends every line of a UTF-8 file as one record (no key), acks from all replicas, and waits for each.
   *
   * @param name the topic
   * @param file the lines
   */
  void fill(String name, Path file) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
        new ByteArraySerializer()); BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null && failure.get() == null; line = lines.readLine()) {
        producer.send(new ProducerRecord<>(name, line.getBytes(StandardCharsets.UTF_8)), (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
      }
      producer.flush();
    } catch (IOException | RuntimeException e) {
      throw new BenchFailure("cannot fill topic '" + name + "' from " + file + ": " + e.getMessage(), e);
    }
    if (failure.get() != null) {
      throw new BenchFailure("cannot fill topic '" + name + "': " + failure.get().getMessage(), failure.get());
    }
  }

  /**
   * Commits an offset for a throw-away group, so that the broker creates its offsets topic (50 partitions, seconds
   * of work) now rather than during the first measured consumer.
   *
   * @param topic a topic with records
   */
  void prepareGroups(String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-warm-up");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)),
          java.time.Duration.ofSeconds(TIMEOUT_S));
    } catch (RuntimeException e) {
      throw new BenchFailure("cannot commit an offset for a consumer group: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofSeconds(10));
  }

  /** A call to the broker, as a {@link BenchFailure} naming what could not be done. */
  private interface Call<T> {
    T call() throws Exception;
  }

  private static <T> T await(Call<T> call, String what) {
    try {
      return call.call();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure(what + ": interrupted", e);
    } catch (ExecutionException e) {
      throw new BenchFailure(what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new BenchFailure(what + ": no answer from the broker within " + TIMEOUT_S + " s", e);
    } catch (Exception e) {
      throw new BenchFailure(what + ": " + e.getMessage(), e);
    }
  }
}
