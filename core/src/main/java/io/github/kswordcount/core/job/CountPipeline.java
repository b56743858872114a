package io.github.kswordcount.core.job;

import io.github.kswordcount.core.count.WordCounts;
import io.github.kswordcount.core.output.BatchPrinter;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaMapWithStateDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * The counting half of both jobs: lines in, per-batch counts, then what is printed and what is written
 * (the batch's counts, a window's, or running totals).
 *
 * @param batch each batch's own counts, cached: progress and outputs read them without recounting
 * @param printed what {@code --print} shows: the batch's or window's counts, or every running total
 * @param emitted what {@code --output-topic} receives: the batch's or window's counts, or the totals updated
 *     in the batch
 */
public record CountPipeline(
    JavaPairDStream<String, Long> batch, JavaPairDStream<String, Long> printed,
    JavaPairDStream<String, Long> emitted) {

  /**
   * Builds the counts for the settings.
   *
   * @param lines the texts to count
   * @param count the counting settings
   * @return the streams
   */
  public static CountPipeline of(JavaDStream<String> lines, CountSettings count) {
    JavaPairDStream<String, Long> batch = WordCounts.perBatch(lines, count.tokenizer()).cache();
    if (count.windowed()) {
      JavaPairDStream<String, Long> window = batch.reduceByKeyAndWindow(Long::sum,
          new Duration(count.windowMs()), new Duration(count.slideMs()));
      return new CountPipeline(batch, window, window);
    }
    if (count.runningTotals()) {
      JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>> totals = WordCounts.runningTotals(batch);
      return new CountPipeline(batch, totals.stateSnapshots(), totals.mapToPair(t -> t));
    }
    return new CountPipeline(batch, batch, batch);
  }

  /**
   * Registers, in this order, the output operations every job has before its own: printing to stdout and
   * the progress line's word statistics. Spark runs a batch's output operations in registration order.
   *
   * @param jobName the job's name for {@link BatchProgress}
   * @param count the counting settings
   */
  public void printAndTrack(String jobName, CountSettings count) {
    if (count.print() > 0) {
      BatchPrinter.print(printed, count.print(), BatchPrinter.PrintStreamSupplier.STDOUT);
    }
    BatchProgress.trackWords(jobName, batch);
  }
}
