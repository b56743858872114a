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
 * out, so a commit never covers records that were not printed.
 */
final class RecordStream {

  private final Consumer<byte[], byte[]> consumer;
  private final long timeoutMs;
  private Iterator<ConsumerRecord<byte[], byte[]>> records = Collections.emptyIterator();

  RecordStream(Consumer<byte[], byte[]> consumer, ConsumerSettings settings) {
    this.consumer = consumer;
    this.timeoutMs = settings.timeoutMs();
    if (settings.topic().isPresent() && settings.partition().isPresent()) {
      assign(new TopicPartition(settings.topic().get(), settings.partition().getAsInt()), settings.offset());
    } else if (settings.topic().isPresent()) {
      consumer.subscribe(List.of(settings.topic().get()));
    } else {
      consumer.subscribe(Pattern.compile(settings.include().orElseThrow()));
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
   * @throws org.apache.kafka.common.errors.WakeupException when {@link #wakeup()} was called
   */
  ConsumerRecord<byte[], byte[]> receive(Runnable beforeWait) {
    long start = System.currentTimeMillis();
    while (!records.hasNext()) {
      beforeWait.run();
      records = consumer.poll(Duration.ofMillis(timeoutMs)).iterator();
      if (!records.hasNext() && System.currentTimeMillis() - start > timeoutMs) {
        throw new TimeoutException();
      }
    }
    return records.next();
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
    records.forEachRemaining(
        r -> firstUnconsumed.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset()));
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
