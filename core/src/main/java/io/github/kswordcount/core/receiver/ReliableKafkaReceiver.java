package io.github.kswordcount.core.receiver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
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
 * on); only then are the offsets committed, synchronously. A crash between the two re-delivers the
 * records, never loses them. Rebalances lose nothing: offsets are committed before the next {@code poll},
 * the only place partitions can be revoked.
 *
 * <p>Each consumer thread owns its {@code KafkaConsumer}; {@link #onStop()} only wakes them. A failing
 * thread asks Spark to restart the receiver rather than dying silently. Each consumer is a static group
 * member ({@code group.instance.id} = group, receiver and thread): a receiver restarted after a crash takes
 * its partitions back at once instead of waiting for the dead member's session to time out.
 */
final class ReliableKafkaReceiver extends Receiver<ReceivedRecord> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ReliableKafkaReceiver.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final ReceiverSource source;
  private final int index;
  private final int threads;
  private final long maxRate;
  private final AfterStore afterStore;
  private transient volatile boolean running;
  private transient List<KafkaConsumer<byte[], byte[]>> consumers;
  private transient RateLimiter limiter;

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
  public void onStart() {
    running = true;
    consumers = new CopyOnWriteArrayList<>();
    limiter = new RateLimiter();
    for (int i = 0; i < threads; i++) {
      int thread = i;
      Thread consumerThread = new Thread(() -> consume(thread), "kafka-receiver-" + index + "-" + i);
      consumerThread.setDaemon(true);
      consumerThread.start();
    }
  }

  @Override
  public void onStop() {
    running = false;
    consumers.forEach(KafkaConsumer::wakeup);
  }

  private void consume(int thread) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(source.consumerParams(index, thread))) {
      consumers.add(consumer);
      CommittedOffsets offsets = source.subscribe(consumer);
      while (running && !isStopped()) {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
        if (!polled.isEmpty()) {
          storeThenCommit(offsets, polled);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        restart("Kafka consumer woken unexpectedly", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (running) {
        restart("Kafka consumer failed: " + e.getMessage(), e);
      }
    }
  }

  private void storeThenCommit(CommittedOffsets offsets, ConsumerRecords<byte[], byte[]> polled)
      throws InterruptedException {
    List<ReceivedRecord> block = new ArrayList<>(polled.count());
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : polled) {
      block.add(new ReceivedRecord(r.topic(), r.partition(), r.offset(), r.value()));
      next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
    }
    limiter.acquire(block.size(), currentLimit());
    store(block.iterator()); // blocks until the block is stored, and logged when the WAL is on
    afterStore.stored(next);
    commit(offsets, next);
  }

  private void commit(CommittedOffsets offsets, Map<TopicPartition, OffsetAndMetadata> next) {
    try {
      offsets.commit(next);
    } catch (WakeupException e) {
      // onStop woke us after the store: the records are Spark's, so commit them before leaving.
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
   * would only rebalance again). The stored records stay Spark's; their partitions are read again from the
   * committed offsets, by this consumer or by their new owner. At least once, never lost.
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
