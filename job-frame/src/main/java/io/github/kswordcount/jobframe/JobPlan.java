package io.github.kswordcount.jobframe;

import io.github.kswordcount.core.WordCountBuilder;
import io.github.kswordcount.core.internal.kafka.KafkaFutures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every word-count job's settings hold: the Kafka source, the Spark settings and the counting. */
public interface JobPlan {
  /** Kafka's transaction log: an exactly-once job writes each batch's commit there too. */
  String TRANSACTION_LOG = KafkaFutures.TRANSACTION_LOG;


  /**
   * What to read.
   *
   * @return the source
   */
  KafkaSource source();

  /**
   * How to run on Spark.
   *
   * @return the job settings
   */
  JobSettings job();

  /**
   * What to count and where to write it.
   *
   * @return the counting settings
   */
  CountSettings count();

  /**
   * Gives a builder of core's what both jobs say the same way: source, counting, printout, output topic,
   * checkpoint, and the batch counts the progress line reads.
   *
   * @param builder {@code DirectWordCount.builder()} or {@code ReceiverWordCount.builder()}
   * @param <B> the builder's type
   * @return the same builder
   */
  default <B extends WordCountBuilder<B>> B configure(B builder) {
    builder.bootstrapServers(source().bootstrapServers())
        .topics(source().topics())
        .group(source().group())
        .consumerProperties(source().consumerParams())
        .fromBeginning(source().fromBeginning())
        .tokenizer(count().tokenizer())
        .values(count().extractor())
        .counting(count().counting())
        .print(count().print())
        .checkpoint(checkpointDir())
        .kafkaTimeout(job().kafkaTimeoutOrDefault())
        .batchCounts(true);
    if (count().outputTopic() != null) {
      builder.toTopic(count().outputTopic());
    }
    return builder;
  }

  /**
   * The topics each batch writes to, where the {@code stalled} line looks for partitions short of in-sync
   * replicas: the output topic, and {@code __consumer_offsets} for the group's commits. A job adds what else it
   * writes (exactly once: the transaction log).
   *
   * @return topic names, the output topic first
   */
  default List<String> writtenTopics() {
    List<String> written = new ArrayList<>();
    if (count().outputTopic() != null) {
      written.add(count().outputTopic());
    }
    written.add(KafkaFutures.OFFSETS_TOPIC);
    return written;
  }

  /**
   * Where the job checkpoints.
   *
   * @return the directory, or {@code null} for none
   */
  default String checkpointDir() {
    return job().checkpointDir();
  }

  /**
   * What defines the job's graph, written into its checkpoint directory: a start with other values is refused.
   * Jobs add their own settings to these.
   *
   * @return setting name to value, in a stable order
   */
  default Map<String, String> identity() {
    Map<String, String> identity = new LinkedHashMap<>();
    identity.put("brokers", source().bootstrapServers());
    identity.put("topics", source().topics().isPattern() ? "pattern " + source().topics().pattern().pattern()
        : source().topics().names().toString());
    identity.put("group", source().group());
    identity.put("batch-ms", Long.toString(job().batchMs()));
    identity.put("tokenizer", count().tokenizer().toString());
    identity.put("value", count().extractor().toString());
    identity.put("window-ms", Long.toString(count().windowMs()));
    identity.put("slide-ms", Long.toString(count().slideMs()));
    identity.put("running-totals", Boolean.toString(count().runningTotals()));
    identity.put("output-topic", String.valueOf(count().outputTopic()));
    // The bound travels in the checkpointed graph: a recovered run would keep the old one.
    if (!job().kafkaTimeoutOrDefault().equals(WordCountBuilder.DEFAULT_KAFKA_TIMEOUT)) {
      identity.put("kafka-timeout-ms", Long.toString(job().kafkaTimeout().toMillis()));
    }
    return identity;
  }
}
