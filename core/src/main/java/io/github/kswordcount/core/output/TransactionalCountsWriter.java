package io.github.kswordcount.core.output;

import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.core.kafka.OffsetRanges;
import io.github.kswordcount.core.kafka.SharedAdmins;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Writes a batch's word counts and commits its offsets in one Kafka transaction, from the driver: a
 * {@code read_committed} reader of the output topic sees every input record counted exactly once.
 *
 * <p>Guarantee: the counts of a batch become visible if and only if the group's offsets move past the
 * batch. A job killed mid-batch leaves an open transaction; the next start with the same group uses the same
 * transactional id ({@code wordcount-tx-<group>}), whose {@code initTransactions} aborts it and fences the
 * old producer (a zombie's next write fails with {@code ProducerFencedException}, which stops that job).
 * A batch whose offsets the group already holds (a batch Spark replays after a restart from a checkpoint)
 * is not written again.
 *
 * <p>The counts come to the driver partition by partition ({@code toLocalIterator}): a transaction cannot
 * span executors. Word counts are small (distinct words), so this is the right place.
 */
public final class TransactionalCountsWriter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(TransactionalCountsWriter.class);
  /** One producer per transactional id in this JVM: two would fence each other. */
  private static final Map<String, KafkaProducer<byte[], byte[]>> PRODUCERS = new ConcurrentHashMap<>();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HashMap<String, Object> config;
  private final HashMap<String, Object> adminConfig;
  private final String topic;
  private final String group;

  private TransactionalCountsWriter(Map<String, Object> consumerParams, String topic, String group) {
    this.adminConfig = new HashMap<>(consumerParams);
    this.config = ProducerSettings.from(consumerParams);
    this.config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(group));
    this.topic = topic;
    this.group = group;
  }

  /**
   * Creates a writer for the group's output topic.
   *
   * @param consumerParams the job's consumer parameters (connection settings, {@code group.id})
   * @param topic the output topic
   * @return the writer
   */
  public static TransactionalCountsWriter forGroup(Map<String, Object> consumerParams, String topic) {
    return new TransactionalCountsWriter(consumerParams, topic, String.valueOf(consumerParams.get("group.id")));
  }

  /**
   * The transactional id used for a group: stable across restarts, so that a restart fences the previous run.
   *
   * @param group the consumer group
   * @return {@code wordcount-tx-<group>}
   */
  public static String transactionalId(String group) {
    return "wordcount-tx-" + group;
  }

  /**
   * Writes a batch's counts and commits its offsets atomically.
   *
   * @param counts the batch's {@code (word, count)} pairs
   * @param ranges the batch's offset ranges
   * @throws KafkaCallException when the transaction failed (it is aborted) or this producer was fenced
   */
  public void write(JavaPairRDD<String, Long> counts, OffsetRange[] ranges) {
    Map<TopicPartition, OffsetAndMetadata> offsets = OffsetRanges.untilOffsets(ranges);
    if (OffsetRanges.count(ranges) == 0 || alreadyCommitted(offsets)) {
      return;
    }
    KafkaProducer<byte[], byte[]> producer = producer();
    try {
      producer.beginTransaction();
      for (Iterator<Tuple2<String, Long>> it = counts.toLocalIterator(); it.hasNext(); ) {
        Tuple2<String, Long> count = it.next();
        producer.send(new ProducerRecord<>(topic, count._1().getBytes(StandardCharsets.UTF_8),
            KafkaCountsSink.encode(count._2())));
      }
      producer.sendOffsetsToTransaction(offsets, new ConsumerGroupMetadata(group));
      producer.commitTransaction();
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      discard();
      throw new KafkaCallException("cannot write counts to '" + topic + "': " + e.getMessage()
          + " (another run of group '" + group + "' took over?)", e);
    } catch (KafkaException e) {
      producer.abortTransaction();
      throw new KafkaCallException("transaction for '" + topic + "' aborted: " + e.getMessage(), e);
    }
  }

  /** Whether the group already holds offsets at or past every partition of the batch. */
  private boolean alreadyCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
    Map<TopicPartition, OffsetAndMetadata> committed;
    try {
      committed = SharedAdmins.forParams(adminConfig).listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().requireStable(true))
          .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaCallException("interrupted reading the offsets of group '" + group + "'", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaCallException("cannot read the offsets of group '" + group + "': " + e.getMessage(), e);
    }
    for (Map.Entry<TopicPartition, OffsetAndMetadata> until : offsets.entrySet()) {
      OffsetAndMetadata done = committed.get(until.getKey());
      if (done == null || done.offset() < until.getValue().offset()) {
        return false;
      }
    }
    LOG.info("Batch up to {} is already committed in group '{}': not written again", offsets, group);
    return true;
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return PRODUCERS.computeIfAbsent(transactionalId(group), id -> {
      KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config);
      producer.initTransactions(); // aborts what a killed run left open, fences that run's producer
      return producer;
    });
  }

  private void discard() {
    KafkaProducer<byte[], byte[]> producer = PRODUCERS.remove(transactionalId(group));
    if (producer != null) {
      producer.close(Duration.ZERO);
    }
  }

  /** Closes this JVM's transactional producers; call once when the job stops. */
  public static void closeProducers() {
    PRODUCERS.values().forEach(p -> p.close(Duration.ofSeconds(30)));
    PRODUCERS.clear();
  }
}
