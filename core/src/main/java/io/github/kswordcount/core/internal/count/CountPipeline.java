package io.github.kswordcount.core.internal.count;

import io.github.kswordcount.core.count.WordCounts;
import io.github.kswordcount.core.text.Tokenizer;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaMapWithStateDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * The counting half of both jobs, built once from {@link WordCounts}: lines in; each batch's counts, what is
 * printed and what is written out (the batch's counts, a window's, or running totals).
 *
 * <pre>{@code
 * CountPipeline counts = CountPipeline.perBatch(lines, Tokenizers.words());
 * counts.emitted().foreachRDD(rdd -> sink.write(rdd));
 * }</pre>
 *
 * @param batch each batch's own counts, cached: progress and outputs read them without recounting
 * @param printed what a printout shows: the batch's or window's counts, or the running totals of the batch's words
 * @param emitted what an output topic receives: the batch's or window's counts, or the totals updated in the batch
 */
public record CountPipeline(
    JavaPairDStream<String, Long> batch, JavaPairDStream<String, Long> printed,
    JavaPairDStream<String, Long> emitted) {

  /**
   * Counts per batch; printed and emitted are the batch's counts.
   *
   * @param lines the texts to count
   * @param tokenizer splits them into words
   * @return the streams
   */
  public static CountPipeline perBatch(JavaDStream<String> lines, Tokenizer tokenizer) {
    return perBatch(WordCounts.perBatch(lines, tokenizer));
  }

  /**
   * Counts per batch, from each batch's counts (e.g. {@link WordCounts#perBatchOfValues}).
   *
   * @param batchCounts each batch's counts, not cached yet
   * @return the streams
   */
  public static CountPipeline perBatch(JavaPairDStream<String, Long> batchCounts) {
    JavaPairDStream<String, Long> batch = batchCounts.cache();
    return new CountPipeline(batch, batch, batch);
  }

  /**
   * Counts over a sliding window; printed and emitted are the window's counts, once per slide.
   *
   * @param lines the texts to count
   * @param tokenizer splits them into words
   * @param window the window's length, a multiple of the batch interval
   * @param slide how often a window ends, a multiple of the batch interval
   * @return the streams
   */
  public static CountPipeline windowed(JavaDStream<String> lines, Tokenizer tokenizer, Duration window,
      Duration slide) {
    return windowed(WordCounts.perBatch(lines, tokenizer), window, slide);
  }

  /**
   * Counts over a sliding window, from each batch's counts.
   *
   * @param batchCounts each batch's counts, not cached yet
   * @param window the window's length, a multiple of the batch interval
   * @param slide how often a window ends, a multiple of the batch interval
   * @return the streams
   */
  public static CountPipeline windowed(JavaPairDStream<String, Long> batchCounts, Duration window, Duration slide) {
    JavaPairDStream<String, Long> batch = batchCounts.cache();
    JavaPairDStream<String, Long> windowCounts = WordCounts.windowed(batch, window, slide);
    return new CountPipeline(batch, windowCounts, windowCounts);
  }

  /**
   * Running totals across batches (the context needs a checkpoint directory); printed and emitted are the totals
   * of the words seen in the batch. Every total is in the state, but a batch's output never scans it: with a
   * million distinct words, printing the top of all totals would read the whole state at every batch.
   *
   * @param lines the texts to count
   * @param tokenizer splits them into words
   * @return the streams
   */
  public static CountPipeline runningTotals(JavaDStream<String> lines, Tokenizer tokenizer) {
    return runningTotals(WordCounts.perBatch(lines, tokenizer));
  }

  /**
   * Running totals across batches, from each batch's counts (the context needs a checkpoint directory).
   *
   * @param batchCounts each batch's counts, not cached yet
   * @return the streams
   */
  public static CountPipeline runningTotals(JavaPairDStream<String, Long> batchCounts) {
    JavaPairDStream<String, Long> batch = batchCounts.cache();
    JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>> totals = WordCounts.runningTotals(batch);
    JavaPairDStream<String, Long> updated = totals.mapToPair(t -> t);
    return new CountPipeline(batch, updated, updated);
  }
}
