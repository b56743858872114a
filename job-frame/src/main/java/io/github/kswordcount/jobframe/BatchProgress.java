package io.github.kswordcount.jobframe;

import io.github.kswordcount.core.WordCountRun;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchStarted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchSubmitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;

/**
 * Reports each finished batch as one line of {@code key=value} fields on stderr, keeps the totals for the
 * summary line, and decides when a job asked to stop when idle or after N batches should stop.
 *
 * <pre>
 * batch time=1732470000000 records=1000 words=9871 distinct=496 processing_ms=812 delay_ms=3 rate=1231/s lag=0
 * </pre>
 *
 * <p>{@code lag} is the group's lag after the batch's commit, the same in every job: the end offsets when the
 * line prints minus the offsets committed through this batch (those the run committed, which the group may not
 * show yet, or the group's own where they are further).
 *
 * <p>Receiver jobs add {@code receivers=0:510/s,1:490/s}: each receiver's records over the batch interval.
 *
 * <p>Found by job name through {@link #of(String)}; the batch counts come from the run
 * ({@link WordCountRun#batchCounts}), which keeps them for a job restarted from a checkpoint too.
 */
public final class BatchProgress implements StreamingListener {
  private static final Logger LOG = LoggerFactory.getLogger(BatchProgress.class);
  private static final Map<String, BatchProgress> JOBS = new ConcurrentHashMap<>();

  private final PrintStream err;
  private final ToLongFunction<Map<TopicPartition, Long>> lag;
  private final int stopWhenIdle;
  private final int maxBatches;
  private final long batchMs;
  private final boolean perStream;
  private final long startNanos = System.nanoTime();
  private volatile boolean stopRequested;
  private volatile Throwable failure;
  private volatile WordCountRun run;
  private int idleStreak;
  private long submitted;
  private long batches;
  private long records;
  private long words;
  private long lastLag = -1;
  private volatile long[] running;

  private BatchProgress(PrintStream err, ToLongFunction<Map<TopicPartition, Long>> lag, JobSettings job,
      boolean perStream) {
    this.err = err;
    this.lag = lag;
    this.stopWhenIdle = job.stopWhenIdle();
    this.maxBatches = job.maxBatches();
    this.batchMs = job.batchMs();
    this.perStream = perStream;
  }

  /**
   * Creates the progress of a job and makes it findable by name.
   *
   * @param jobName a name unique in this JVM
   * @param err where the lines go
   * @param lag the group's total lag after a batch's commit, or -1 when unknown, given the offsets the run has
   *     committed through the batch (the group may not show them yet); called once per batch
   * @param job the stop conditions and batch interval
   * @param perStream whether to add each input stream's rate ({@code receivers=0:510/s,1:490/s}), for
   *     receiver streams
   * @return the progress, to be added as a streaming listener
   */
  public static BatchProgress register(String jobName, PrintStream err, ToLongFunction<Map<TopicPartition, Long>> lag,
      JobSettings job, boolean perStream) {
    BatchProgress progress = new BatchProgress(err, lag, job, perStream);
    JOBS.put(jobName, progress);
    return progress;
  }

  /**
   * Finds the progress of a running job.
   *
   * @param jobName the name given to {@link #register}
   * @return the progress
   */
  public static BatchProgress of(String jobName) {
    return JOBS.get(jobName);
  }

  /**
   * Forgets a job's progress when the job has stopped.
   *
   * @param jobName the name given to {@link #register}
   */
  public static void unregister(String jobName) {
    JOBS.remove(jobName);
  }

  /**
   * Reads each batch's counts from the run (which keeps them when built with {@code batchCounts(true)}), and
   * ends the run when reading the group's lag is refused.
   *
   * @param run the job's run
   */
  public void attach(WordCountRun run) {
    this.run = run;
  }

  /**
   * Counts the batches Spark generates: at the {@code --max-batches}th the run is told to output no later one, so
   * the batches Spark generates before the stop (and during it) are neither output nor committed.
   */
  @Override
  public void onBatchSubmitted(StreamingListenerBatchSubmitted submittedBatch) {
    WordCountRun current = run;
    synchronized (this) {
      submitted++;
      if (maxBatches <= 0 || submitted != maxBatches || current == null) {
        return;
      }
    }
    current.stopAfter(submittedBatch.batchInfo().batchTime());
  }

  @Override
  public void onBatchStarted(StreamingListenerBatchStarted started) {
    running = new long[] {started.batchInfo().batchTime().milliseconds(), System.nanoTime()};
  }

  /**
   * The batch being processed, for {@link StallWatch}.
   *
   * @return its time and how long it has run, in ms; {@code null} between batches
   */
  long[] runningBatch() {
    long[] batch = running;
    return batch == null ? null : new long[] {batch[0], (System.nanoTime() - batch[1]) / 1_000_000};
  }

  @Override
  public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
    BatchInfo info = completed.batchInfo();
    long[] batch = running;
    if (batch != null && batch[0] == info.batchTime().milliseconds()) {
      running = null;
    }
    WordCountRun.BatchCounts counts = run == null ? null : run.batchCounts(info.batchTime());
    if (run != null && run.refused(info.batchTime())) {
      return; // generated after the stop condition: not output, not committed, not reported
    }
    long[] stats = counts == null ? new long[2] : new long[] {counts.words(), counts.distinct()};
    long processingMs = millis(info.processingDelay());
    long batchRecords = counts == null || counts.records() < 0 ? info.numRecords() : counts.records();
    // Once the run has failed nothing more is committed, and Kafka may be what failed: a lag read would only hold up
    // Spark's stop (its listeners run in turn; seen: two reads of 15 s each with the broker gone, then Spark left
    // running after its 30 s bound, so a restart in the same JVM found a SparkContext running).
    long currentLag = failure() != null ? -1 : safeLag(counts == null ? Map.of() : counts.committed());
    synchronized (this) {
      batches++;
      records += batchRecords;
      words += stats[0];
      lastLag = currentLag;
      // Idle means caught up too: a restarted receiver may wait for its group before it gets any records.
      // An unknown lag is not idle: a job that cannot read its group must not stop as if it had caught up.
      idleStreak = batchRecords == 0 && currentLag == 0 ? idleStreak + 1 : 0;
      if ((stopWhenIdle > 0 && idleStreak >= stopWhenIdle) || (maxBatches > 0 && batches >= maxBatches)) {
        stopRequested = true;
      }
    }
    if (stopRequested && run != null) {
      // Idle: at most the batch being output now runs after this one; later ones are refused.
      run.stopAfter(info.batchTime());
    }
    err.println("batch time=" + info.batchTime().milliseconds() + " records=" + batchRecords
        + " words=" + stats[0] + " distinct=" + stats[1] + " processing_ms=" + processingMs
        + " delay_ms=" + millis(info.schedulingDelay()) + " rate=" + rate(batchRecords, processingMs) + "/s"
        + " lag=" + (currentLag < 0 ? "?" : Long.toString(currentLag)) + (perStream ? streamRates(info) : ""));
  }

  /** Records per second of each input stream (each receiver is one) over the batch interval. */
  private String streamRates(BatchInfo info) {
    Map<Object, StreamInputInfo> streams = new TreeMap<>(JavaConverters.mapAsJavaMap(info.streamIdToInputInfo()));
    StringBuilder rates = new StringBuilder(" receivers=");
    streams.forEach((id, input) -> rates.append(rates.length() > 11 ? "," : "").append(id).append(':')
        .append(rate(input.numRecords(), batchMs)).append("/s"));
    return rates.toString();
  }

  /**
   * Notes the first failed output of the run; later outputs refuse to write, and the run ends.
   *
   * @param e the failure
   */
  public synchronized void failed(Throwable e) {
    if (failure == null) {
      failure = e;
    }
    if (run != null) {
      run.fail(e);
    }
  }

  /**
   * The first failure of the run: a failed output, or a refused lag.
   *
   * @return the failure, or {@code null} while none failed
   */
  public Throwable failure() {
    Throwable ofRun = run == null ? null : run.failure();
    return ofRun != null ? ofRun : failure;
  }

  /**
   * Whether a stop condition ({@code --stop-when-idle}, {@code --max-batches}) has been met.
   *
   * @return {@code true} once met
   */
  public boolean stopRequested() {
    return stopRequested;
  }

  /**
   * The line printed when the job ends, e.g.
   * {@code summary batches=12 records=1000 words=9871 elapsed_ms=24100 rate=41/s lag=0}.
   *
   * @param extra further {@code key=value} fields, or an empty string
   * @return the line
   */
  public synchronized String summary(String extra) {
    long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
    return "summary batches=" + batches + " records=" + records + " words=" + words + " elapsed_ms=" + elapsedMs
        + " rate=" + rate(records, elapsedMs) + "/s lag=" + (lastLag < 0 ? "?" : Long.toString(lastLag))
        + (extra.isEmpty() ? "" : " " + extra);
  }

  /**
   * The group's lag after the batch's commit, or -1 while Kafka does not answer (the line shows {@code lag=?}). A
   * refusal ends the run: retrying an authorization or authentication failure would only hang the job.
   */
  private long safeLag(Map<TopicPartition, Long> committed) {
    try {
      return lag.applyAsLong(committed);
    } catch (RuntimeException e) {
      if (refused(e)) {
        failed(e);
      } else {
        LOG.warn("Cannot read the consumer group's lag: {}", e.getMessage());
      }
      return -1;
    }
  }

  private static boolean refused(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException || cause instanceof AuthenticationException) {
        return true;
      }
    }
    return false;
  }

  private static long rate(long count, long ms) {
    return ms <= 0 ? count : count * 1000 / ms;
  }

  private static long millis(scala.Option<Object> delay) {
    return delay.isDefined() ? (Long) delay.get() : 0L;
  }
}
