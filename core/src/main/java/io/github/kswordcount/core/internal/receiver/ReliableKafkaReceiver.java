package io.github.kswordcount.core.internal.receiver;

import io.github.kswordcount.core.internal.kafka.ClientConfigs;
import io.github.kswordcount.core.internal.kafka.ConsumerParams;
import io.github.kswordcount.core.internal.output.FaultPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.receiver.Receiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Spark receiver that consumes Kafka in a consumer group and commits offsets only after Spark has stored
 * the records: the old {@code ReliableKafkaReceiver} design with Kafka's group coordinator in the place of
 * ZooKeeper.
 *
 * <p>Guarantee (at least once): each poll's records are handed to Spark with the blocking multi-record
 * {@code store}, which returns once the block is stored (and written to the write-ahead log when that is
 * on). The block's offsets are committed only after the batch holding it has been output: the driver
 * announces what it counted ({@link CountedLedger}), and the thread commits, synchronously, the consumer's
 * positions after the blocks that covers, past the transaction markers after them, so a topic written with
 * transactions is read to its end. A process that dies for good leaves committed only what it output; the
 * member that takes its partitions reads the rest again, never loses it. A partition revoked in a rebalance
 * is let go once its stored blocks are output (at most 30 s), so the next owner does not read them twice; a
 * commit the group refuses while it rebalances is followed by reading from the committed offsets again.
 *
 * <p>Each consumer thread owns its {@code KafkaConsumer}. Each {@link #onStart()} is a {@link ReceiverStart}
 * of its own; {@link #onStop()} wakes that start's consumers and waits (at most 10 s) for its threads to
 * close them, so a restart's consumers never join next to the old ones. The first failing thread of a start
 * asks Spark to restart the receiver rather than dying silently; a thread of a stopped start never does.
 * Each consumer is a static group member ({@code group.instance.id} = group, instance, receiver and thread):
 * a receiver restarted after a crash takes its partitions back at once instead of waiting for the dead
 * member's session to time out.
 */
final class ReliableKafkaReceiver extends Receiver<ReceivedRecord> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ReliableKafkaReceiver.class);
  private static final Duration POLL = Duration.ofMillis(200);
  /** How long {@link #onStop()} waits for a start's threads: long enough for a store under load. */
  private static final long JOIN_MS = 10_000;
  private static final Duration LIST_TOPICS = Duration.ofSeconds(30);
  /** The most records a poll, and so a block, holds unless the user sets {@code max.poll.records}. */
  static final int MAX_BLOCK_RECORDS = 20_000;

  private final ReceiverSource source;
  private final int index;
  private final int threads;
  private final long maxRate;
  private final AfterStore afterStore;
  /** The current start; each {@link #onStart()} makes a new one. */
  private transient ReceiverStart current;
  private transient int starts;
  private transient Set<String> topicsAtStart;

  ReliableKafkaReceiver(ReceiverSource source, int index, int threads, long maxRate, StorageLevel level,
      AfterStore afterStore) {
    super(level);
    this.source = source;
    this.index = index;
    this.threads = threads;
    this.maxRate = maxRate;
    this.afterStore = afterStore;
  }

  @Override
  public synchronized void onStart() {
    ReceiverStart start = new ReceiverStart(++starts);
    current = start;
    for (int i = 0; i < threads; i++) {
      int thread = i;
      start.startThread("kafka-receiver-" + index + "-start" + start.number() + "-" + i,
          () -> consume(start, thread));
    }
  }

  /** Wakes the consumers and waits, bounded, for their threads to close them before a restart starts anew. */
  @Override
  public void onStop() {
    ReceiverStart start;
    synchronized (this) {
      start = current;
    }
    if (start != null) {
      start.stop(JOIN_MS);
    }
  }

  private void consume(ReceiverStart start, int thread) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(readParams(source.consumerParams(index, thread), maxRate, threads))) {
      if (!start.register(consumer)) {
        return;
      }
      PendingCommits pending = new PendingCommits(source);
      FaultPoint.at(FaultPoint.Moment.RECEIVER_START);
      CommittedOffsets offsets = source.subscribe(consumer, topicsAtStart(consumer), pending, start::running);
      while (start.running() && !isStopped()) {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
        if (!polled.isEmpty() && !store(start, pending, offsets, polled)) {
          return; // stopped while pacing: the polled records were not stored, so nothing moves on
        }
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>(pending.released(false));
        if (polled.isEmpty()) {
          // Only after a poll without records: a position moved by records not stored must never be committed.
          offsets.movedWithoutRecords().forEach(next::putIfAbsent);
        }
        commit(offsets, next);
      }
    } catch (WakeupException e) {
      fail(start, "Kafka consumer woken unexpectedly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(start, "Kafka consumer failed: " + reason(e, thread), e);
    }
  }

  /**
   * The consumer's {@code max.poll.records}, unless the user set it: each poll is stored as one block, and
   * every block costs the same to store whatever its size (a block manager put, an {@code AddBlock} call to the
   * driver, a write-ahead log write), and each block is a task of the batch, so Kafka's 500 made blocks of 30 KB
   * at most on lines of 60 bytes. Up to {@value #MAX_BLOCK_RECORDS} records (1.2 MB of such lines; on the
   * benchmark's backlog, 1 receiver, {@code local[2]}: 400,000-500,000 records/s against 250,000-333,000 with 5,000,
   * and no faster with 50,000); with a rate limit at most a fifth of a second of this thread's share, so pacing
   * stays smooth. And core's read sizes ({@link ConsumerParams#withReadSizes}).
   *
   * @param params the thread's consumer parameters
   * @param maxRate the receiver's records per second, 0 for no limit
   * @param threads the receiver's consumer threads
   * @return the parameters with the poll size and the read sizes
   */
  static HashMap<String, Object> readParams(HashMap<String, Object> params, long maxRate, int threads) {
    long records = maxRate > 0 ? Math.max(1, Math.min(MAX_BLOCK_RECORDS, maxRate / threads / 5)) : MAX_BLOCK_RECORDS;
    params.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Long.toString(records));
    return ConsumerParams.withReadSizes(params);
  }

  /**
   * For a pattern, the topics there when this receiver first started, kept across its restarts: topics the
   * pattern finds later start at their earliest offset, those already there where {@code auto.offset.reset}
   * says. {@code null} for topic names.
   */
  private synchronized Set<String> topicsAtStart(KafkaConsumer<byte[], byte[]> consumer) {
    if (topicsAtStart == null && source.topics().isPattern()) {
      topicsAtStart = Set.copyOf(consumer.listTopics(LIST_TOPICS).keySet());
    }
    return topicsAtStart;
  }

  /**
   * Why a consumer failed, for the restart; a cause no restart cures is marked {@link ReceiverFailures#FATAL},
   * so the driver can give up after a few.
   */
  private String reason(RuntimeException e, int thread) {
    Throwable cause = ReceiverFailures.fatalCause(e);
    if (cause == null) {
      return e.getMessage();
    }
    String group = String.valueOf(source.consumerParams().get("group.id"));
    String hint = cause instanceof FencedInstanceIdException || cause instanceof UnreleasedInstanceIdException
        ? " (another consumer of group '" + group + "' uses group.instance.id '"
            + source.consumerParams(index, thread).get("group.instance.id") + "')"
        : ClientConfigs.refusalHint(cause, group);
    return ReceiverFailures.FATAL + cause.getClass().getSimpleName() + ": " + cause.getMessage() + hint;
  }

  /** The first failure of a running start restarts the receiver; a stopped start's threads just end. */
  private void fail(ReceiverStart start, String message, RuntimeException e) {
    if (start.firstFailure()) {
      restart(message, e);
    } else {
      LOG.debug("Consumer thread of stopped start {} ended: {}", start.number(), message, e);
    }
  }

  /** Stores a poll's records as one block; {@code false} when the start stopped first and nothing was stored. */
  private boolean store(ReceiverStart start, PendingCommits pending, CommittedOffsets offsets,
      ConsumerRecords<byte[], byte[]> polled) throws InterruptedException {
    List<ReceivedRecord> block = new ArrayList<>(polled.count());
    Map<TopicPartition, Long> recordEnds = new HashMap<>();
    for (TopicPartition partition : polled.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> records = polled.records(partition);
      for (ConsumerRecord<byte[], byte[]> r : records) {
        block.add(new ReceivedRecord(r.topic(), r.partition(), r.offset(), r.value()));
      }
      recordEnds.put(partition, records.get(records.size() - 1).offset() + 1);
    }
    Map<TopicPartition, OffsetAndMetadata> next = offsets.positions(polled.partitions());
    long pace = start.limiter().reserve(block.size(), currentLimit());
    if (pace > 0 && start.awaitStop(pace)) {
      return false; // nothing stored, nothing committed: the next start reads it again
    }
    long storeBegan = System.currentTimeMillis();
    store(block.iterator()); // blocks until the block is stored, and logged when the WAL is on
    afterStore.stored(next);
    pending.stored(recordEnds, next, storeBegan); // committed once the batch holding it is output
    return true;
  }

  private void commit(CommittedOffsets offsets, Map<TopicPartition, OffsetAndMetadata> next) {
    try {
      offsets.commit(next);
    } catch (WakeupException e) {
      // onStop woke us: these records were output, so commit them before leaving.
      commitRefusable(offsets, next);
      throw e;
    } catch (RebalanceInProgressException | CommitFailedException e) {
      refused(offsets, next, e);
    }
  }

  private void commitRefusable(CommittedOffsets offsets, Map<TopicPartition, OffsetAndMetadata> next) {
    try {
      offsets.commit(next);
    } catch (RebalanceInProgressException | CommitFailedException e) {
      refused(offsets, next, e);
    }
  }

  /**
   * The group is rebalancing, or went on without this member: not a reason to restart the receiver (that
   * would only rebalance again). The partitions still assigned are read again from the committed offsets,
   * by this consumer or by their new owner. At least once, never lost.
   */
  private static void refused(CommittedOffsets offsets, Map<TopicPartition, OffsetAndMetadata> next,
      RuntimeException e) {
    LOG.warn("Offsets {} not committed ({}); reading again from the committed offsets, so these records may be "
        + "counted twice", next, e.getClass().getSimpleName());
    offsets.rereadFromCommitted();
  }

  /** The receiver's own limit, lowered by Spark's backpressure when that is on. */
  private long currentLimit() {
    long limit = maxRate > 0 ? maxRate : Long.MAX_VALUE;
    try {
      return Math.min(limit, supervisor().getCurrentRateLimit());
    } catch (RuntimeException e) {
      return limit;
    }
  }
}
