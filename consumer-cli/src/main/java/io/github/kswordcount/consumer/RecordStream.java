package io.github.kswordcount.consumer;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The records of the chosen topic(s), one at a time, as Kafka's {@code ConsumerWrapper}: subscribed (or one
 * partition assigned and positioned), polled, and on close positioned back to the first record not handed
 * out, so a commit never covers records that were not printed. {@link PartitionStops} starts and stops each
 * partition for {@code --from-time}, {@code --to-time} and {@code --exit-at-end}.
 */
final class RecordStream {

  /**
   * How long one poll waits when partitions can stop on their own: the stops are checked between polls (a poll
   * waits its whole time when no record comes, e.g. at the end of every partition).
   */
  private static final long STOP_CHECK_MS = 100;

  private final Consumer<byte[], byte[]> consumer;
  private final long timeoutMs;
  private final Duration pollTimeout;
  private final PartitionStops stops;
  private final boolean checkStops;
  private Iterator<ConsumerRecord<byte[], byte[]>> records = Collections.emptyIterator();

  RecordStream(Consumer<byte[], byte[]> consumer, ConsumerSettings settings) {
    this.consumer = consumer;
    this.timeoutMs = settings.timeoutMs();
    this.checkStops = settings.stopsPartitions();
    this.pollTimeout = Duration.ofMillis(checkStops ? Math.min(timeoutMs, STOP_CHECK_MS) : timeoutMs);
    this.stops = new PartitionStops(consumer, settings);
    if (settings.topic().isPresent() && settings.partition().isPresent()) {
      TopicPartition partition = new TopicPartition(settings.topic().get(), settings.partition().getAsInt());
      if (settings.fromTime().isPresent()) {
        // No seek to the end first: a seekToEnd is only a request, which would win over the seek to the time.
        consumer.assign(List.of(partition));
      } else {
        assign(partition, settings.offset());
      }
      stops.onPartitionsAssigned(List.of(partition));
    } else if (settings.topic().isPresent()) {
      consumer.subscribe(List.of(settings.topic().get()), stops);
    } else {
      consumer.subscribe(Pattern.compile(settings.include().orElseThrow()), stops);
    }
  }

  private void assign(TopicPartition partition, long offset) {
    consumer.assign(List.of(partition));
    if (offset == ConsumerSettings.EARLIEST) {
      consumer.seekToBeginning(List.of(partition));
    } else if (offset == ConsumerSettings.LATEST) {
      consumer.seekToEnd(List.of(partition));
    } else {
      consumer.seek(partition, offset);
    }
  }

  /**
   * The next record, polling when the last batch is used up.
   *
   * @param beforeWait run before each poll, when the consumer may wait (the output is flushed there)
   * @return the record
   * @throws TimeoutException when no record came for {@code --timeout-ms}
   * @throws AllStopped when every partition has stopped ({@code --exit-at-end}, {@code --to-time})
   * @throws org.apache.kafka.common.errors.WakeupException when {@link #wakeup()} was called
   */
  ConsumerRecord<byte[], byte[]> receive(Runnable beforeWait) {
    long start = System.currentTimeMillis();
    while (true) {
      while (records.hasNext()) {
        ConsumerRecord<byte[], byte[]> record = records.next();
        if (stops.admit(record)) {
          return record;
        }
      }
      if (checkStops && stops.allStopped()) {
        throw new AllStopped(stops.describe());
      }
      beforeWait.run();
      records = consumer.poll(pollTimeout).iterator();
      if (!records.hasNext() && System.currentTimeMillis() - start > timeoutMs) {
        throw new TimeoutException();
      }
    }
  }

  /** Every assigned partition has reached its stop; the message says where each stopped. */
  static final class AllStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AllStopped(String stops) {
      super(stops, null, false, false);
    }
  }

  /** Interrupts a waiting {@link #receive} from another thread (Ctrl-C). */
  void wakeup() {
    consumer.wakeup();
  }

  /**
   * Positions each partition at its first record not handed out, commits when asked, and closes.
   *
   * @param commit whether to commit the group's offsets first
   * @return the commit failure, or {@code null}
   */
  RuntimeException close(boolean commit) {
    Map<TopicPartition, Long> firstUnconsumed = new HashMap<>();
    records.forEachRemaining(r -> {
      TopicPartition partition = new TopicPartition(r.topic(), r.partition());
      if (!stops.isStopped(partition)) { // a stopped partition is already positioned at its stop
        firstUnconsumed.putIfAbsent(partition, r.offset());
      }
    });
    firstUnconsumed.forEach(consumer::seek);
    RuntimeException failure = null;
    if (commit) {
      try {
        commit();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    consumer.close();
    return failure;
  }

  private void commit() {
    try {
      consumer.commitSync();
    } catch (WakeupException e) {
      // Ctrl-C's wakeup may still be pending when it came while printing; it fires once, so commit again.
      consumer.commitSync();
    }
  }
}
