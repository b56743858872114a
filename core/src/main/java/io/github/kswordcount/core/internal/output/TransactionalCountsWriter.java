package io.github.kswordcount.core.internal.output;

import io.github.kswordcount.clientkit.PartitionHealth;
import io.github.kswordcount.core.internal.kafka.BatchRange;
import io.github.kswordcount.core.internal.kafka.ClientConfigs;
import io.github.kswordcount.core.internal.kafka.CommitPlan;
import io.github.kswordcount.core.internal.kafka.KafkaFutures;
import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.core.internal.kafka.OffsetCommitter;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.streaming.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Exactly once: writes a batch's word counts and commits its offsets in one Kafka transaction, from the
 * driver, so a {@code read_committed} reader of the output topic sees every input record counted exactly once.
 *
 * <p>Guarantee: the counts of a batch become visible if and only if the group's offsets move past the batch.
 * The group's committed offsets decide (see {@link OffsetCommitter#plan}): a batch the group has passed is
 * not written again, a batch that does not start where the group is fails unwritten. {@link #start()} runs
 * {@code initTransactions} with its transactional id (by default the group's, {@code wordcount-tx-<group>}) before the
 * stream reads any offset: it aborts what a killed run left open and fences a run still alive (its next
 * transaction fails with {@code ProducerFencedException}, which ends it), so two runs never both commit.
 * Batches without records still commit their offsets (a transaction with offsets only): a new group then
 * holds a position, and what arrives while the job is down is read after the restart.
 *
 * <p>The counts come to the driver partition by partition ({@code toLocalIterator}): a transaction cannot
 * span executors. Word counts are small (distinct words), so this is the right place.
 */
public final class TransactionalCountsWriter implements BatchOutput {
  private static final long serialVersionUID = 2L;
  private static final Logger LOG = LoggerFactory.getLogger(TransactionalCountsWriter.class);
  private final HashMap<String, Object> config;
  private final OffsetCommitter committer;
  private final String topic;

  private TransactionalCountsWriter(Map<String, Object> consumerParams, String topic, String transactionalId,
      Duration timeout) {
    this.committer = OffsetCommitter.forGroup(consumerParams, timeout);
    this.config = ClientConfigs.producer(consumerParams);
    // initTransactions and commitTransaction block up to max.block.ms (Kafka's default: 60 s).
    this.config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
    this.config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
        transactionalId == null ? transactionalId(committer.group()) : transactionalId);
    this.topic = topic;
  }

  /**
   * Creates a writer for the group's output topic.
   *
   * @param consumerParams the job's consumer parameters (connection settings, {@code group.id})
   * @param topic the output topic
   * @param transactionalId the producer's transactional id, stable across restarts; {@code null} for
   *     {@link #transactionalId(String) the group's default}
   * @param timeout how long one call of the transaction (begin, send, commit) may take
   * @return the writer
   */
  public static TransactionalCountsWriter forGroup(Map<String, Object> consumerParams, String topic,
      String transactionalId, Duration timeout) {
    return new TransactionalCountsWriter(consumerParams, topic, transactionalId, timeout);
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
   * Creates this JVM's producer for the group and runs {@code initTransactions}: older runs are fenced now.
   *
   * @throws KafkaCallException when Kafka refuses the transactional id (no Write on it) or the login
   */
  @Override
  public void start() {
    try {
      producer();
    } catch (AuthorizationException | AuthenticationException e) {
      throw new KafkaCallException("cannot start the transactions of '" + config.get("transactional.id")
          + "' for output topic '" + topic + "': " + e.getMessage() + " (check the Write and Describe ACLs on "
          + "transactional id '" + config.get("transactional.id") + "', or a prefix of it)", e);
    }
  }

  /**
   * Writes a batch's counts and commits its offsets atomically.
   *
   * @param counts the batch's {@code (word, count)} pairs
   * @param time the batch time
   * @param batch the batch's ranges
   * @throws KafkaCallException when the transaction failed (it is aborted) or this producer was fenced
   */
  @Override
  public Map<TopicPartition, Long> write(JavaPairRDD<String, Long> counts, Time time, List<BatchRange> batch) {
    CommitPlan plan = committer.plan(batch);
    if (!plan.write()) {
      LOG.info("Batch {} is already committed in group '{}': not written again", batch, committer.group());
      return Map.of();
    }
    if (plan.offsets().isEmpty()) {
      return Map.of();
    }
    KafkaProducer<byte[], byte[]> producer = producer();
    boolean committing = false;
    try {
      producer.beginTransaction();
      for (Iterator<Tuple2<String, Long>> it = counts.toLocalIterator(); it.hasNext(); ) {
        Tuple2<String, Long> count = it.next();
        producer.send(new ProducerRecord<>(topic, count._1().getBytes(StandardCharsets.UTF_8),
            KafkaCountsSink.encode(count._2())));
      }
      boolean records = batch.stream().anyMatch(range -> range.size() > 0);
      if (records) {
        FaultPoint.at(FaultPoint.Moment.SEND_OFFSETS_TO_TRANSACTION);
      }
      producer.sendOffsetsToTransaction(plan.offsets(), new ConsumerGroupMetadata(committer.group()));
      FaultPoint.afterOutput(batch, producer::flush);
      if (records) {
        FaultPoint.at(FaultPoint.Moment.COMMIT_TRANSACTION);
      }
      committing = true;
      producer.commitTransaction();
      return plan.positions();
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      SharedClients.discard(config);
      throw new KafkaCallException("cannot write counts to '" + topic + "': " + e.getMessage()
          + " (another run of group '" + committer.group() + "' took over?)", e);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      if (!committing) {
        abort(producer);
        throw new KafkaCallException("transaction for '" + topic + "' aborted: " + e.getMessage() + why(e), e);
      }
      // The commit may still complete on the broker, and the producer refuses an abort now (it must retry the
      // commit; seen: the abort's IllegalStateException was the error line). The next run's initTransactions ends
      // the transaction either way, and the group's offsets then say whether the batch was counted.
      SharedClients.discard(config);
      throw new KafkaCallException("transaction for '" + topic + "' not known to be committed: " + e.getMessage()
          + why(e) + " (a restart counts the batch unless its commit went through)", e);
    } catch (Exception e) {
      // Exception: toLocalIterator throws SparkException (checked) from Scala when a task fails.
      abort(producer);
      throw new KafkaCallException("transaction for '" + topic + "' aborted: " + e.getMessage() + why(e), e);
    }
  }

  /**
   * For a call that timed out, what the cluster shows: the transaction log's or the output topic's partitions short
   * of in-sync replicas (the coordinator and the producer retry {@code NOT_ENOUGH_REPLICAS} without a word).
   */
  private String why(Exception e) {
    if (!(e instanceof org.apache.kafka.common.errors.TimeoutException)) {
      return "";
    }
    return PartitionHealth.explainWrites(config, KafkaFutures.TRANSACTION_LOG, partition -> true)
        .or(() -> PartitionHealth.explainWrites(config, topic, partition -> true))
        .map(cause -> ": " + cause).orElse("");
  }

  private void abort(KafkaProducer<byte[], byte[]> producer) {
    try {
      producer.abortTransaction();
    } catch (KafkaException | IllegalStateException e) {
      // Not abortable here (fatal, not begun, or a call timed out): a fresh producer's initTransactions aborts it.
      LOG.warn("Cannot abort the transaction of group '{}': {}", committer.group(), e.getMessage());
      SharedClients.discard(config);
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return SharedClients.producer(config, KafkaProducer::initTransactions);
  }
}
