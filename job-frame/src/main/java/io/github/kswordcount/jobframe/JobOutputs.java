package io.github.kswordcount.jobframe;

import io.github.kswordcount.core.internal.count.CountPipeline;
import io.github.kswordcount.core.internal.kafka.BatchOffsets;
import io.github.kswordcount.core.internal.output.BatchOutput;
import io.github.kswordcount.core.internal.output.BatchPrinter;
import io.github.kswordcount.core.internal.output.KafkaCountsSink;
import io.github.kswordcount.core.internal.receiver.KafkaReceiverStream;

/**
 * The output operations of both jobs, in the order Spark runs them for each batch: the printout on stdout,
 * the progress line's word statistics, then the job's write and the commit.
 *
 * <p>Every output runs guarded: once one has failed, no later output of the run writes or commits anything
 * (Spark runs the next output operations of a batch, and even the next batch, before the failure stops the
 * context), and the run ends with that failure.
 */
public final class JobOutputs {

  private JobOutputs() {}

  /**
   * Registers printing to stdout and the progress statistics.
   *
   * @param jobName the job's name for {@link BatchProgress}
   * @param counts the job's pipeline
   * @param count the counting settings
   */
  public static void printAndTrack(String jobName, CountPipeline counts, CountSettings count) {
    int print = count.print();
    if (print > 0) {
      counts.printed().foreachRDD((rdd, time) -> guarded(jobName,
          () -> BatchPrinter.print(rdd, time, print, BatchPrinter.PrintStreamSupplier.STDOUT.get())));
    }
    BatchProgress.trackWords(jobName, counts.batch());
  }

  /**
   * Registers the direct job's last output: each emitted batch (or window slide) written and committed in one
   * step, with the offsets of every batch up to it.
   *
   * @param jobName the job's name for {@link BatchProgress}
   * @param counts the job's pipeline
   * @param offsets the ledger of the stream's offsets
   * @param output where the counts go and how the offsets are committed
   */
  public static void writeAndCommit(String jobName, CountPipeline counts, BatchOffsets offsets, BatchOutput output) {
    counts.emitted().foreachRDD((rdd, time) -> guarded(jobName, () -> output.write(rdd, offsets.takeUpTo(time))));
  }

  /**
   * Registers a write of each emitted batch to an output topic (the receiver job).
   *
   * @param jobName the job's name for {@link BatchProgress}
   * @param counts the job's pipeline
   * @param sink the output topic's sink
   */
  public static void write(String jobName, CountPipeline counts, KafkaCountsSink sink) {
    counts.emitted().foreachRDD(rdd -> guarded(jobName, () -> sink.write(rdd)));
  }

  /**
   * Registers the receiver job's last output: once a batch (or window slide) is output, every record read up
   * to it is announced as counted, and the receivers commit it.
   *
   * @param jobName the job's name for {@link BatchProgress}
   * @param counts the job's pipeline
   * @param stream the receivers' stream
   */
  public static void commitReceived(String jobName, CountPipeline counts, KafkaReceiverStream stream) {
    counts.emitted().foreachRDD((rdd, time) -> guarded(jobName, () -> stream.countedUpTo(time)));
  }

  private static void guarded(String jobName, Runnable output) {
    BatchProgress progress = BatchProgress.of(jobName);
    if (progress == null) {
      // The run has ended (a batch Spark still runs while it stops): nothing may be written or committed.
      throw new IllegalStateException("not written: job '" + jobName + "' is not running");
    }
    if (progress.failure() != null) {
      throw new IllegalStateException("not written: an earlier output of this run failed", progress.failure());
    }
    try {
      output.run();
    } catch (Exception e) {
      // Exception, not RuntimeException: Spark's actions throw SparkException (checked) from Scala.
      progress.failed(e);
      throw e;
    }
  }
}
