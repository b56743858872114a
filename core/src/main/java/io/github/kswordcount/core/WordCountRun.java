package io.github.kswordcount.core;

import io.github.kswordcount.core.internal.kafka.GroupAssign;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import io.github.kswordcount.core.text.RecordDecoding;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.StreamingContextState;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A word count built by {@link DirectWordCount} or {@link ReceiverWordCount}: start it, wait, stop it. It owns
 * the lifecycle steps its guarantees need, so a team does not have to remember them: the graceful stop commits
 * the last batches, and {@link #close()} stops what is still running and closes core's Kafka clients.
 *
 * <pre>{@code
 * try (WordCountRun run = DirectWordCount.builder()...build()) {
 *   run.start();
 *   while (!run.awaitTerminationOrTimeout(1000) && run.failure() == null && !stopWanted()) { }
 *   if (run.failure() == null) {
 *     run.stop();
 *   }
 * }
 * }</pre>
 */
public final class WordCountRun implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WordCountRun.class);
  private static final long ABORT_TIMEOUT_MS = 30_000;

  private final JavaStreamingContext ssc;
  private final RunState state;
  private final boolean recovered;
  private final Runnable afterGracefulStop;
  private boolean closed;

  /**
   * The counts of one batch, when the builder asked for them ({@code batchCounts(true)}).
   *
   * @param records the records the batch read (counted as they are read, by both approaches), or -1 when the
   *     stream reports none
   * @param words the words counted
   * @param distinct the distinct words
   * @param committed the offsets this run has committed up to and including this batch: per partition, the offset
   *     of the next record to read (the receiver approach: announced as counted, which its receivers commit
   *     next, or past it over transaction markers); partitions the run has not committed are absent
   */
  public record BatchCounts(long records, long words, long distinct, Map<TopicPartition, Long> committed) {}

  WordCountRun(JavaStreamingContext ssc, RunState state, boolean recovered, Runnable afterGracefulStop) {
    this.ssc = ssc;
    this.state = state;
    this.recovered = recovered;
    this.afterGracefulStop = afterGracefulStop;
  }

  /**
   * The streaming context, for what core does not do: listeners, the Spark UI address. Start and stop the run
   * through this handle, not the context.
   *
   * @return the context
   */
  public JavaStreamingContext context() {
    return ssc;
  }

  /**
   * Whether the context was recovered from the checkpoint directory rather than built.
   *
   * @return {@code true} when recovered
   */
  public boolean recovered() {
    return recovered;
  }

  /** Starts reading and counting. */
  public void start() {
    ssc.start();
  }

  /**
   * Waits until the context stops or the time passes.
   *
   * @param timeoutMs how long to wait
   * @return {@code true} when the context has stopped
   */
  public boolean awaitTerminationOrTimeout(long timeoutMs) {
    try {
      return ssc.awaitTerminationOrTimeout(timeoutMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The first failure of the run: an output that threw, a receiver that gave up, or {@link #fail}. Once set, no
   * later output of the run writes or commits; stop the run with {@link #close()}.
   *
   * @return the failure, or {@code null} while none
   */
  public Throwable failure() {
    return state.failure();
  }

  /**
   * Ends the run with a failure of the caller's (e.g. a check it runs between batches): no later output writes
   * or commits. The first failure wins.
   *
   * @param failure why
   */
  public void fail(Throwable failure) {
    state.fail(failure);
  }

  /**
   * Ends the run after a batch: every later batch is neither output nor committed (so a restart reads its
   * records again) and waits for {@link #stop()}, which then stops without running them. A batch later than
   * {@code lastBatch} whose output had already begun finishes and is committed. Spark generates batches ahead of
   * their output, and its graceful stop runs those and one or two more; call this when the stop condition is met
   * (e.g. from a listener) to stop at that batch instead.
   *
   * @param lastBatch the time of the last batch to output
   */
  public void stopAfter(Time lastBatch) {
    state.stopAfter(lastBatch.milliseconds());
  }

  /**
   * Whether a batch was refused because it came after {@link #stopAfter}: nothing of it was output or committed.
   *
   * @param time the batch time
   * @return {@code true} when refused
   */
  public boolean refused(Time time) {
    return state.refused(time.milliseconds());
  }

  /**
   * Stops gracefully. Without {@link #stopAfter}: the batches already received or generated run and are
   * committed. After it: the batch being output finishes, and the refused ones are dropped unrun. Then
   * (receivers) the offsets of the last batches output are committed, which the receivers, stopped first, could
   * not, and the run closes as {@link #close()}.
   */
  public void stop() {
    try {
      if (state.limited()) {
        if (!state.awaitNoneInFlight(ABORT_TIMEOUT_MS * 10)) {
          LOG.warn("A batch was still being output after {} ms; stopping anyway", ABORT_TIMEOUT_MS * 10);
        }
        // Not graceful: Spark's graceful stop would run the refused batches, and generate one or two more.
        ssc.stop(true, false);
      } else {
        ssc.stop(true, true);
      }
      afterGracefulStop.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close();
    }
  }

  /**
   * The counts of a finished batch, once: later calls for the same time return {@code null}.
   *
   * @param time the batch time
   * @return the batch's counts, or {@code null} when not kept
   */
  public BatchCounts batchCounts(Time time) {
    return state.take(time);
  }

  /**
   * The records whose value yielded no text (skipped) or held bytes that are not UTF-8 (replaced), so far.
   *
   * @return the counters of this run's Spark context
   */
  public RecordDecoding decoding() {
    return RecordDecoding.forContext(ssc.sparkContext().sc());
  }

  /**
   * Stops the context and its Spark context if they still run (also after a start that failed), without waiting
   * for queued batches (bounded at 30 s), closes core's Kafka clients and ends the run. A run that failed is
   * closed this way; a run that succeeded with {@link #stop()}.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!ssc.sparkContext().sc().isStopped()) {
        GroupAssign.endRun(state.key());
        // A start that failed marks the streaming context STOPPED but leaves Spark running: stop Spark alone
        // then (stopping the streaming context again would only log that it is stopped).
        Runnable stop = ssc.getState() == StreamingContextState.STOPPED ? () -> ssc.sparkContext().stop()
            : () -> ssc.stop(true, false);
        Thread stopper = new Thread(stop, "word-count-stop");
        stopper.setDaemon(true);
        stopper.start();
        stopper.join(ABORT_TIMEOUT_MS);
        if (stopper.isAlive()) {
          LOG.warn("Spark did not stop within {} ms; leaving it", ABORT_TIMEOUT_MS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      SharedClients.closeAll();
      RunState.unregister(state);
    }
  }
}
