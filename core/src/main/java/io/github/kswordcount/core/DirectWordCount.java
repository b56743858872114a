package io.github.kswordcount.core;

import io.github.kswordcount.core.count.WordCounts;
import io.github.kswordcount.core.internal.count.CountPipeline;
import io.github.kswordcount.core.internal.kafka.BatchOffsets;
import io.github.kswordcount.core.internal.kafka.ConsumerParams;
import io.github.kswordcount.core.internal.kafka.GroupAssign;
import io.github.kswordcount.core.internal.kafka.OffsetCommitter;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import io.github.kswordcount.core.internal.kafka.SingleReadDirectStream;
import io.github.kswordcount.core.internal.output.BatchOutput;
import io.github.kswordcount.core.internal.output.CommittingOutput;
import io.github.kswordcount.core.internal.output.KafkaCountsSink;
import io.github.kswordcount.core.internal.output.TransactionalCountsWriter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * The direct approach: Spark's Kafka direct stream (no receiver; each batch reads its offset ranges), with the
 * offsets committed to the group only after every output of the batch.
 *
 * <p>Guarantees, owned here rather than left to the wiring:
 * <ul>
 *   <li>at least once (the default): a batch's printout, sinks and output-topic write all run, in that order,
 *   in one guarded step; the batch's offsets are committed synchronously after them, from where the batch began.
 *   A failed output commits nothing and ends the run; a restart reads the batch again. A batch Spark replays from
 *   a checkpoint that the group has already passed is not written again.
 *   <li>exactly once ({@link #exactlyOnce()}): the counts and the offsets go into the output topic in one Kafka
 *   transaction; {@code build()} fences any older run of the same transactional id before the stream reads an
 *   offset.
 *   <li>transactional input: core reads {@code read_committed} by default and sets
 *   {@code spark.streaming.kafka.allowNonConsecutiveOffsets} (commit markers leave gaps in offsets).
 * </ul>
 *
 * <pre>{@code
 * WordCountRun run = DirectWordCount.builder()
 *     .bootstrapServers("localhost:9092").topics("lab").group("lab-direct").fromBeginning(true)
 *     .print(10)
 *     .toTopic("lab-counts")
 *     .spark(new SparkConf().setMaster("local[2]").setAppName("lab"), Duration.ofSeconds(2))
 *     .build();
 * run.start();
 * ...
 * run.stop();   // graceful: the running batch finishes and is committed
 * }</pre>
 */
public final class DirectWordCount extends WordCountBuilder<DirectWordCount> {
  private boolean exactlyOnce;
  private String transactionalId;

  private DirectWordCount() {}

  /**
   * Starts the setting of a direct word count.
   *
   * @return a builder
   */
  public static DirectWordCount builder() {
    return new DirectWordCount();
  }

  /**
   * Exactly once into the output topic, with the transactional id {@code wordcount-tx-<group>}: stable across
   * restarts, so a restart fences the run before it.
   *
   * @return this builder
   */
  public DirectWordCount exactlyOnce() {
    return exactlyOnce(null);
  }

  /**
   * Exactly once into the output topic with a transactional id of the team's choosing (e.g. one its ACLs
   * allow); keep it the same across restarts of the run.
   *
   * @param transactionalId the producer's transactional id, or {@code null} for the group's default
   * @return this builder
   */
  public DirectWordCount exactlyOnce(String transactionalId) {
    this.exactlyOnce = true;
    this.transactionalId = transactionalId;
    return this;
  }

  /**
   * The lower-level pieces instead of a word count: the records of the builder's source on a context of the
   * team's own, and the output-then-commit step ({@link DirectOffsets}). Only the source's settings are used
   * (brokers, topics, group, consumer properties, {@code fromBeginning}).
   *
   * @param ssc the team's streaming context, not started; reading {@code read_committed} (the default) needs
   *     {@code spark.streaming.kafka.allowNonConsecutiveOffsets=true} in its configuration
   * @return the pieces
   * @throws IllegalArgumentException when the source is incomplete, asks for {@code group.protocol=consumer} (Spark
   *     3.5's connector cannot poll under it), or reads {@code read_committed} without that setting (a topic written
   *     in transactions would crash the stream)
   */
  public DirectOffsets offsets(JavaStreamingContext ssc) {
    require(bootstrapServers != null, "bootstrapServers(...) is required");
    require(topics != null, "topics(...) or topicPattern(...) is required");
    require(group != null, "group(...) is required");
    Map<String, Object> params = ConsumerParams.of(bootstrapServers, group, fromBeginning, consumerProperties);
    requireClassicProtocol(params);
    require(readsUncommitted(params)
        || ssc.sparkContext().getConf().getBoolean("spark.streaming.kafka.allowNonConsecutiveOffsets", false),
        "reading read_committed needs spark.streaming.kafka.allowNonConsecutiveOffsets=true in the context's "
        + "SparkConf: commit markers leave gaps in offsets");
    return DirectOffsets.create(ssc, params, GroupAssign.of(topics, withReadDefaults(params),
        GroupAssign.DEFAULT_REFRESH), kafkaTimeout);
  }

  /**
   * SPARK-53904: Spark 3.5's connector polls with {@code poll(long)}, which kafka-clients refuses under
   * {@code group.protocol=consumer} (KIP-848), at the first batch and in words no user recognizes.
   */
  private static void requireClassicProtocol(Map<String, Object> params) {
    require(!"consumer".equalsIgnoreCase(String.valueOf(params.get("group.protocol")).trim()),
        "group.protocol=consumer (KIP-848) is not supported by the direct stream: Spark 3.5's Kafka connector calls "
        + "poll(long), which kafka-clients refuses under that protocol (SPARK-53904); leave group.protocol at classic "
        + "(the receiver-based count takes consumer)");
  }

  private static boolean readsUncommitted(Map<String, Object> params) {
    return "read_uncommitted".equalsIgnoreCase(String.valueOf(params.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)));
  }

  @Override
  public WordCountRun build() {
    Map<String, Object> params = checkedParams();
    requireClassicProtocol(params);
    require(!exactlyOnce || outputTopic != null, "exactlyOnce() needs toTopic(...): the transaction writes there");
    require(!exactlyOnce || !counting.isWindowed(),
        "exactlyOnce() and a windowed counting exclude each other: a window's counts are not a function of one "
        + "batch's offsets");
    require(!exactlyOnce || sinks.isEmpty(),
        "exactlyOnce() takes no sink(...): a sink of your own cannot join the Kafka transaction");
    BatchOutput output = exactlyOnce
        ? TransactionalCountsWriter.forGroup(params, outputTopic, transactionalId, kafkaTimeout.multipliedBy(2))
        : CommittingOutput.of(sinks,
            outputTopic == null ? null : KafkaCountsSink.atLeastOnce(params, outputTopic, kafkaTimeout),
            OffsetCommitter.forGroup(params, kafkaTimeout));
    RunState state = RunState.register(group);
    try {
      // Before the stream reads the group's offsets: a transactional writer fences older runs here.
      output.start();
      SparkConf conf = sparkConf.clone();
      // Transactional input: commit markers leave gaps that Spark's consecutive-offset check takes for loss.
      if (!readsUncommitted(params)) {
        conf.set("spark.streaming.kafka.allowNonConsecutiveOffsets", "true");
      }
      Wiring wiring = new Wiring(group, params, this, output);
      Context context = context(conf, wiring::graph);
      return new WordCountRun(context.ssc(), state, context.recovered(), () -> { });
    } catch (RuntimeException e) {
      RunState.unregister(state);
      SharedClients.closeAll();
      throw e;
    }
  }

  /**
   * Core's read sizes ({@link ConsumerParams#withReadSizes}) and 5,000 records a poll (Kafka's 500) for the
   * executors' reads, unless the user set them. The larger fetches and polls: on the 1M-line batch 1,711 against
   * 1,982 ms, and 1,547 against 1,672 ms in a second run (1.08-1.16x; medians of 3, alternated).
   */
  static Map<String, Object> withReadDefaults(Map<String, Object> params) {
    Map<String, Object> merged = new LinkedHashMap<>(params);
    merged.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return ConsumerParams.withReadSizes(merged);
  }

  /** The builder's values the graph needs, copied: the checkpointed closures must not hold the builder. */
  private record Wiring(String key, Map<String, Object> params, DirectWordCount b, BatchOutput output) {
    void graph(JavaStreamingContext ssc) {
      // The values as views of the fetched bytes: counted where they are, never copied (see perBatchOfValueBuffers).
      GroupAssign<ByteBuffer> strategy =
          GroupAssign.ofValueBuffers(b.topics, withReadDefaults(params), GroupAssign.DEFAULT_REFRESH);
      // Spark's direct stream, without the count job that would read each batch twice (see its Javadoc).
      JavaInputDStream<ConsumerRecord<byte[], ByteBuffer>> input = SingleReadDirectStream.create(ssc, strategy);
      BatchOffsets offsets = new BatchOffsets(strategy);
      JavaDStream<ConsumerRecord<byte[], ByteBuffer>> records = offsets.track(input);
      if (b.batchCounts) {
        records = RunState.countRecords(key, records);
      }
      CountPipeline counts = b.counting.pipeline(WordCounts.perBatchOfValueBuffers(
          records.map(ConsumerRecord::value), b.values, b.tokenizer));
      BatchOutput last = output;
      registerOutputs(key, counts, b.print, b.batchCounts,
          (rdd, time) -> last.write(rdd, time, offsets.takeUpTo(time)));
    }
  }
}
