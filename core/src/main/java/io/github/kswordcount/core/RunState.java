package io.github.kswordcount.core;

import io.github.kswordcount.core.internal.kafka.GroupAssign;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.util.LongAccumulator;

/**
 * The driver-side state of a running word count: its first failure and, when asked, each batch's counts.
 * Closures find it by the run's key (its consumer group) rather than capturing it, so a context recovered from
 * a checkpoint reports into the live run.
 */
final class RunState {
  private static final Map<String, RunState> RUNS = new ConcurrentHashMap<>();

  private final String key;
  private final Map<Time, LongAccumulator> recordsRead = new ConcurrentHashMap<>();
  private final Map<Time, long[]> wordStats = new ConcurrentHashMap<>();
  /** What the run has committed so far (receivers: announced as counted), per partition. */
  private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
  /** The same as it was once each batch's commit was made. */
  private final Map<Time, Map<TopicPartition, Long>> committedThrough = new ConcurrentHashMap<>();
  private final Set<Long> refused = ConcurrentHashMap.newKeySet();
  private volatile Throwable failure;
  /** Batches later than this are neither output nor committed: the run stops after it. */
  private volatile long lastBatchMs = Long.MAX_VALUE;
  private int inFlight;
  /** Released when the run ends: a refused batch waits on it (or for the stop's interrupt). */
  private final CountDownLatch ended = new CountDownLatch(1);

  private RunState(String key) {
    this.key = key;
  }

  /** One step of a batch's outputs. */
  interface Step {
    void run() throws Exception;
  }

  static RunState register(String key) {
    RunState state = new RunState(key);
    if (RUNS.putIfAbsent(key, state) != null) {
      throw new IllegalStateException("a word count of group '" + key + "' is already running in this JVM");
    }
    return state;
  }

  /** The run's key: its consumer group. */
  String key() {
    return key;
  }

  static void unregister(RunState state) {
    RUNS.remove(state.key, state);
    state.ended.countDown();
  }

  /**
   * Runs a batch's outputs unless the run has ended or failed; the first failure is kept and ends the run, and
   * no later output of the run writes or commits (Spark runs the next output operations of a batch, and even
   * the next batch, before the failure stops the context).
   */
  static void guarded(String key, Time time, Step step) throws Exception {
    RunState state = RUNS.get(key);
    if (state == null) {
      throw new IllegalStateException("not written: the word count of group '" + key + "' is not running");
    }
    if (state.failure != null) {
      throw new IllegalStateException("not written: an earlier output of this run failed", state.failure);
    }
    if (!state.enter(time.milliseconds())) {
      state.holdRefused();
      return;
    }
    try {
      step.run();
    } catch (Exception e) {
      // Exception, not RuntimeException: Spark's actions throw SparkException (checked) from Scala.
      state.fail(e);
      throw e;
    } finally {
      state.leave();
    }
  }

  private synchronized boolean enter(long batchMs) {
    if (batchMs > lastBatchMs) {
      refused.add(batchMs);
      return false;
    }
    inFlight++;
    return true;
  }

  private synchronized void leave() {
    inFlight--;
    notifyAll();
  }

  /**
   * A refused batch waits here until the stop ({@link WordCountRun#stop()}) interrupts Spark's job thread. It
   * must not return earlier: Spark would mark the batch done, and a checkpoint would then skip its records,
   * while the group's offsets never moved past them.
   */
  private void holdRefused() {
    try {
      ended.await();
    } catch (InterruptedException e) {
      // The stop: Spark drops the batch unrun.
    }
  }

  /** Refuses every batch after {@code batchMs}; a batch already being output finishes. */
  synchronized void stopAfter(long batchMs) {
    lastBatchMs = Math.min(lastBatchMs, batchMs);
  }

  boolean limited() {
    return lastBatchMs != Long.MAX_VALUE;
  }

  boolean refused(long batchMs) {
    return refused.contains(batchMs);
  }

  /** Waits until no batch is being output; false when the time ran out. */
  synchronized boolean awaitNoneInFlight(long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (inFlight > 0) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /**
   * Keeps the run's first failure. The stream then asks Kafka for no more batches: with the broker gone, the job
   * generator waited for each batch's offsets while holding the lock Spark's stop needs, and a graceful stop under
   * way when the failure came (SIGTERM as the last batch committed) never ended.
   */
  void fail(Throwable e) {
    boolean first;
    synchronized (this) {
      first = failure == null;
      if (first) {
        failure = e;
      }
    }
    if (first) {
      GroupAssign.endRun(key);
    }
  }

  Throwable failure() {
    return failure;
  }

  /** Counts each batch's records as the batch reads them (no second read of the batch). */
  static <T> JavaDStream<T> countRecords(String key, JavaDStream<T> records) {
    return records.transform((rdd, time) -> {
      LongAccumulator read = rdd.context().longAccumulator();
      RunState state = RUNS.get(key);
      if (state != null) {
        state.recordsRead.put(time, read);
      }
      return rdd.mapPartitions(it -> new CountingIterator<>(it, read), true);
    });
  }

  /** Counts the words and distinct words of each batch: a small job over the cached batch counts. */
  static void countWords(String key, JavaPairDStream<String, Long> batchCounts) {
    batchCounts.foreachRDD((rdd, time) -> {
      RunState current = RUNS.get(key);
      if (current != null && time.milliseconds() > current.lastBatchMs) {
        return; // refused: its records are read again after a restart, so they are not counted now either
      }
      long[] stats = rdd.aggregate(new long[2],
          (acc, pair) -> { acc[0] += pair._2(); acc[1]++; return acc; },
          (a, b) -> { a[0] += b[0]; a[1] += b[1]; return a; });
      RunState state = RUNS.get(key);
      if (state != null) {
        state.wordStats.put(time, stats);
      }
    });
  }

  /** Notes the offsets a batch's output step committed (receivers: announced as counted). */
  static void committed(String key, Time time, Map<TopicPartition, Long> offsets) {
    RunState state = RUNS.get(key);
    if (state != null) {
      offsets.forEach((partition, offset) -> state.committed.merge(partition, offset, Math::max));
      state.committedThrough.put(time, Map.copyOf(state.committed));
    }
  }

  WordCountRun.BatchCounts take(Time time) {
    LongAccumulator read = recordsRead.remove(time);
    long[] words = wordStats.remove(time);
    // A batch without an output step of its own (inside a window's slide) committed nothing: what came before.
    Map<TopicPartition, Long> through = committedThrough.remove(time);
    if (read == null && words == null) {
      return null;
    }
    return new WordCountRun.BatchCounts(read == null ? -1 : read.value(), words == null ? 0 : words[0],
        words == null ? 0 : words[1], through == null ? Map.copyOf(committed) : through);
  }

  /** Passes records through and adds how many there were to an accumulator once the partition is read. */
  private static final class CountingIterator<T> implements Iterator<T> {
    private final Iterator<T> records;
    private final LongAccumulator read;
    private long count;
    private boolean added;

    CountingIterator(Iterator<T> records, LongAccumulator read) {
      this.records = records;
      this.read = read;
    }

    @Override
    public boolean hasNext() {
      boolean more = records.hasNext();
      if (!more && !added) {
        added = true;
        read.add(count);
      }
      return more;
    }

    @Override
    public T next() {
      T record = records.next();
      count++;
      return record;
    }
  }
}
