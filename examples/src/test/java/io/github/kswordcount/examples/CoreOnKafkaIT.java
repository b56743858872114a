package io.github.kswordcount.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.kswordcount.core.CountsSink;
import io.github.kswordcount.core.DirectOffsets;
import io.github.kswordcount.core.DirectWordCount;
import io.github.kswordcount.core.ReceiverWordCount;
import io.github.kswordcount.core.WordCountRun;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a team does with core against a real broker, each test written as the team would: a direct stream with its
 * own sink, restarted without a recount; exactly once into a topic and a second stage reading that topic
 * (transactional input) with no extra setting; the reliable receiver stopped gracefully and restarted without a
 * recount; a graph of the team's own on the lower-level DirectOffsets; and a sink that fails, which commits
 * nothing.
 */
class CoreOnKafkaIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

  /** Each run's totals, by group: the sinks are serialized with the stream, so they reach them statically. */
  private static final Map<String, Map<String, Long>> TOTALS = new ConcurrentHashMap<>();

  private static final Duration BATCH = Duration.ofMillis(500);
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static SparkConf spark(String app) {
    return new SparkConf().setMaster("local[3]").setAppName(app).set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
  }

  /** A sink that adds each batch's counts to the group's totals on the driver. */
  private static CountsSink totalsOf(String group) {
    return (counts, time) -> counts.collect().forEach(
        pair -> TOTALS.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).merge(pair._1(), pair._2(), Long::sum));
  }

  @Test
  void usesKafkaClients392WhateverTheDeclarationOrder() {
    // The POM declares Spark's connector (which asks for 3.4.1) before core; the BOM pins the version.
    assertThat(AppInfoParser.getVersion()).isEqualTo("3.9.2");
  }

  @Test
  void aDirectStreamAtLeastOnceWithItsOwnSinkRestartsWithoutRecounting(LocalKafka kafka) {
    kafka.createTopic("ex-direct", 2, 1);
    produce(kafka, "ex-direct", lines(600, "kafka spark", "kafka"));
    DirectWordCount count = DirectWordCount.builder()
        .bootstrapServers(kafka.bootstrapServers()).topics("ex-direct").group("ex-direct-g").fromBeginning(true)
        .sink(totalsOf("ex-direct-g"))
        .spark(spark("ex-direct"), BATCH);

    runUntil(count.build(), () -> Map.of("kafka", 600L, "spark", 300L).equals(TOTALS.get("ex-direct-g")));
    assertThat(committed(kafka, "ex-direct-g")).isEqualTo(ends(kafka, "ex-direct", 2));

    produce(kafka, "ex-direct", lines(200, "streaming"));
    runUntil(count.build(), () -> TOTALS.get("ex-direct-g").getOrDefault("streaming", 0L) >= 200);
    assertThat(TOTALS.get("ex-direct-g")).isEqualTo(Map.of("kafka", 600L, "spark", 300L, "streaming", 200L));
    assertThat(committed(kafka, "ex-direct-g")).isEqualTo(ends(kafka, "ex-direct", 2));
  }

  @Test
  void exactlyOnceIntoATopicThenASecondStageReadsItsTransactionsWithNoExtraSetting(LocalKafka kafka) {
    kafka.createTopic("ex-eo-in", 2, 1);
    kafka.createTopic("ex-eo-counts", 1, 1);
    produce(kafka, "ex-eo-in", lines(400, "a b", "a c", "d"));
    WordCountRun first = DirectWordCount.builder()
        .bootstrapServers(kafka.bootstrapServers()).topics("ex-eo-in").group("ex-eo-a").fromBeginning(true)
        .toTopic("ex-eo-counts").exactlyOnce()
        .spark(spark("ex-eo-a"), BATCH).build();
    try (first) {
      first.start();
      await().atMost(WAIT).until(() -> committed(kafka, "ex-eo-a").equals(ends(kafka, "ex-eo-in", 2)));
      // A second transaction with records: the output topic then holds a commit marker between records.
      produce(kafka, "ex-eo-in", lines(300, "e f"));
      await().atMost(WAIT).until(() -> committed(kafka, "ex-eo-a").equals(ends(kafka, "ex-eo-in", 2)));
      assertThat(first.failure()).isNull();
      first.stop();
    }
    // Each count record is a word and its count in one batch; the batches' counts add up to the input's.
    List<String[]> written = readCommitted(kafka, "ex-eo-counts");
    Map<String, Long> sums = new HashMap<>();
    written.forEach(r -> sums.merge(r[0], Long.parseLong(r[1]), Long::sum));
    assertThat(sums).isEqualTo(Map.of("a", 267L, "b", 134L, "c", 133L, "d", 133L, "e", 300L, "f", 300L));

    // The second stage counts the count values: the topic holds transaction markers between its records.
    Map<String, Long> expected = written.stream().collect(Collectors.groupingBy(r -> r[1], Collectors.counting()));
    WordCountRun second = DirectWordCount.builder()
        .bootstrapServers(kafka.bootstrapServers()).topics("ex-eo-counts").group("ex-eo-b").fromBeginning(true)
        .sink(totalsOf("ex-eo-b"))
        .spark(spark("ex-eo-b"), BATCH).build();
    runUntil(second, () -> expected.equals(TOTALS.get("ex-eo-b")));
    assertThat(TOTALS.get("ex-eo-b")).isEqualTo(expected);
  }

  @Test
  void theReliableReceiverStopsGracefullyAndRestartsWithoutRecounting(LocalKafka kafka) {
    kafka.createTopic("ex-recv", 2, 1);
    produce(kafka, "ex-recv", lines(500, "receiver", "receiver block"));
    ReceiverWordCount count = ReceiverWordCount.builder()
        .bootstrapServers(kafka.bootstrapServers()).topics("ex-recv").group("ex-recv-g").fromBeginning(true)
        .instance("ex-1").receivers(1).consumerThreads(2)
        .sink(totalsOf("ex-recv-g"))
        .spark(spark("ex-recv"), BATCH);

    runUntil(count.build(), () -> Map.of("receiver", 500L, "block", 250L).equals(TOTALS.get("ex-recv-g")));
    assertThat(committed(kafka, "ex-recv-g")).isEqualTo(ends(kafka, "ex-recv", 2));

    produce(kafka, "ex-recv", lines(100, "again"));
    runUntil(count.build(), () -> TOTALS.get("ex-recv-g").getOrDefault("again", 0L) >= 100);
    assertThat(TOTALS.get("ex-recv-g")).isEqualTo(Map.of("receiver", 500L, "block", 250L, "again", 100L));
    assertThat(committed(kafka, "ex-recv-g")).isEqualTo(ends(kafka, "ex-recv", 2));
  }

  @Test
  void aGraphOfItsOwnReadsWithDirectOffsetsAndCommitsAfterItsOutputWithoutRecounting(LocalKafka kafka)
      throws Exception {
    kafka.createTopic("ex-own", 2, 1);
    produce(kafka, "ex-own", lines(300, "short", "a longer line"));
    DirectWordCount source = DirectWordCount.builder()
        .bootstrapServers(kafka.bootstrapServers()).topics("ex-own").group("ex-own-g").fromBeginning(true);
    // Reading read_committed (the default) needs the setting for transactional input: refused without it.
    JavaStreamingContext plain = new JavaStreamingContext(spark("ex-own"), new org.apache.spark.streaming.Duration(500));
    try {
      assertThatThrownBy(() -> source.offsets(plain)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("reading read_committed needs spark.streaming.kafka.allowNonConsecutiveOffsets");
    } finally {
      plain.stop(true, false);
    }

    ownGraph(source, () -> Map.of("5", 150L, "13", 150L).equals(TOTALS.get("ex-own-g")));
    assertThat(committed(kafka, "ex-own-g")).isEqualTo(ends(kafka, "ex-own", 2));
    produce(kafka, "ex-own", lines(50, "seven!!"));
    ownGraph(source, () -> TOTALS.get("ex-own-g").getOrDefault("7", 0L) >= 50);
    assertThat(TOTALS.get("ex-own-g")).isEqualTo(Map.of("5", 150L, "13", 150L, "7", 50L));
    assertThat(committed(kafka, "ex-own-g")).isEqualTo(ends(kafka, "ex-own", 2));
  }

  /** The team's graph: the length of each line, counted per length; stopped gracefully once {@code done}. */
  private static void ownGraph(DirectWordCount source, java.util.concurrent.Callable<Boolean> done) throws Exception {
    JavaStreamingContext ssc = new JavaStreamingContext(
        spark("ex-own").set("spark.streaming.kafka.allowNonConsecutiveOffsets", "true"),
        new org.apache.spark.streaming.Duration(BATCH.toMillis()));
    try {
      DirectOffsets offsets = source.offsets(ssc);
      JavaDStream<String> lengths = offsets.records()
          .map(r -> Integer.toString(new String(r.value(), StandardCharsets.UTF_8).length()));
      offsets.outputThenCommit(lengths, (rdd, time) -> rdd.collect().forEach(length -> TOTALS
          .computeIfAbsent("ex-own-g", g -> new ConcurrentHashMap<>()).merge(length, 1L, Long::sum)));
      ssc.start();
      await().atMost(WAIT).until(done);
    } finally {
      ssc.stop(true, true);
    }
  }

  @Test
  void aSinkThatFailsCommitsNothingAndEndsTheRunWithItsError(LocalKafka kafka) {
    kafka.createTopic("ex-fail", 2, 1);
    produce(kafka, "ex-fail", lines(100, "lost"));
    try (WordCountRun run = DirectWordCount.builder()
        .bootstrapServers(kafka.bootstrapServers()).topics("ex-fail").group("ex-fail-g").fromBeginning(true)
        .sink((counts, time) -> {
          if (!counts.isEmpty()) {
            throw new IllegalStateException("disk full");
          }
        })
        .spark(spark("ex-fail"), BATCH).build()) {
      run.start();
      await().atMost(WAIT).until(() -> run.failure() != null);
      assertThat(run.failure()).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
    }
    assertThat(committed(kafka, "ex-fail-g")).isEmpty();
  }

  /** Starts the run, waits for the condition, stops it gracefully; fails on the run's own failure. */
  private static void runUntil(WordCountRun run, java.util.concurrent.Callable<Boolean> done) {
    try (run) {
      run.start();
      await().atMost(WAIT).until(() -> {
        assertThat(run.failure()).isNull();
        return done.call();
      });
      run.stop();
    }
  }

  private static List<String> lines(int n, String... kinds) {
    return IntStream.range(0, n).mapToObj(i -> kinds[i % kinds.length]).toList();
  }

  private static void produce(LocalKafka kafka, String topic, List<String> lines) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put("enable.idempotence", "true");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      lines.forEach(line -> producer.send(new ProducerRecord<>(topic, line)));
      producer.flush();
    }
  }

  private static List<String[]> readCommitted(LocalKafka kafka, String topic) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put("isolation.level", "read_committed");
    List<String[]> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await().atMost(WAIT).until(() -> {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          records.add(new String[] {new String(r.key(), StandardCharsets.UTF_8),
              new String(r.value(), StandardCharsets.UTF_8)});
        }
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
      });
    }
    return records;
  }

  private static Map<TopicPartition, Long> committed(LocalKafka kafka, String group) {
    try (Admin admin = Admin.create(new HashMap<>(kafka.clientConfig()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, Long> result = new HashMap<>();
      offsets.forEach((tp, o) -> result.put(tp, o.offset()));
      return result;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<TopicPartition, Long> ends(LocalKafka kafka, String topic, int partitions) {
    try (Admin admin = Admin.create(new HashMap<>(kafka.clientConfig()))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      IntStream.range(0, partitions).forEach(p -> latest.put(new TopicPartition(topic, p), OffsetSpec.latest()));
      Map<TopicPartition, Long> result = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> result.put(tp, info.offset()));
      return result;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
