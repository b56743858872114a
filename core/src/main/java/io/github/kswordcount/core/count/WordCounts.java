package io.github.kswordcount.core.count;

import io.github.kswordcount.core.internal.text.RecordTexts;
import io.github.kswordcount.core.text.RecordDecoding;
import io.github.kswordcount.core.text.Tokenizer;
import io.github.kswordcount.core.text.Tokenizers;
import io.github.kswordcount.core.text.ValueExtractor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.Optional;
import org.apache.spark.api.java.function.Function3;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.rdd.ShuffledRDD;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.State;
import org.apache.spark.streaming.StateSpec;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaMapWithStateDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The word-count pipelines, as static functions that the jobs and the tests call alike.
 *
 * <p>Each partition is counted into a {@link WordTable} first and emits one {@code (word, count)} pair per
 * distinct word, so the shuffle carries distinct words rather than one tuple per word occurrence. The shuffle
 * then only moves those pairs ({@link #sumPerWord}): no second combine on the map side.
 *
 * <pre>{@code
 * JavaPairDStream<String, Long> counts = WordCounts.perBatch(lines, Tokenizers.whitespace());
 * }</pre>
 */
public final class WordCounts {
  private static final ClassTag<String> WORD = ClassTag$.MODULE$.apply(String.class);
  private static final ClassTag<Long> COUNT = ClassTag$.MODULE$.apply(Long.class);

  private WordCounts() {}

  /**
   * Counts the words of one batch of lines: a plain RDD, so pipelines can be tested with a local
   * {@code SparkContext} and no streaming at all.
   *
   * @param lines the lines of text
   * @param tokenizer splits each line into words
   * @return one {@code (word, count)} pair per distinct word
   */
  public static JavaPairRDD<String, Long> count(JavaRDD<String> lines, Tokenizer tokenizer) {
    return sumPerWord(lines.mapPartitionsToPair(new PartitionCounter(tokenizer)));
  }

  /**
   * What {@code reduceByKey(Long::sum)} returns for pairs that hold each word at most once a partition, cheaper.
   * Spark's combine would count them again on the map side, in a map whose size it estimates as it grows
   * ({@code SizeEstimator} walking the words: a third of the receiver job's executor samples on the benchmark's
   * backlog); here they are only moved, and summed in a plain map once moved. They move to one partition per core
   * ({@code defaultParallelism}, as {@code mapWithState} partitions its state), not one per input partition: a
   * receiver's batch has a partition per block, and as many reduce tasks made its batches twice as slow. The pairs
   * are few (one per word and input partition), so Java serialization moves them: a Kryo serializer travels with
   * each task and makes its Kryo anew for each of the task's output files (44 % of the executors' samples when
   * tried).
   */
  static JavaPairRDD<String, Long> sumPerWord(JavaPairRDD<String, Long> partialCounts) {
    RDD<Tuple2<String, Long>> pairs = partialCounts.rdd();
    SparkContext context = pairs.context();
    ShuffledRDD<String, Long, Long> moved =
        new ShuffledRDD<>(pairs, new HashPartitioner(context.defaultParallelism()), WORD, COUNT, COUNT);
    moved.setSerializer(new JavaSerializer(context.getConf()));
    return JavaPairRDD.fromRDD(moved, WORD, COUNT).mapPartitionsToPair(WordCounts::sum, true);
  }

  private static Iterator<Tuple2<String, Long>> sum(Iterator<Tuple2<String, Long>> pairs) {
    Map<String, long[]> sums = new HashMap<>();
    while (pairs.hasNext()) {
      Tuple2<String, Long> pair = pairs.next();
      sums.computeIfAbsent(pair._1(), word -> new long[1])[0] += pair._2();
    }
    List<Tuple2<String, Long>> out = new ArrayList<>(sums.size());
    sums.forEach((word, sum) -> out.add(new Tuple2<>(word, sum[0])));
    return out.iterator();
  }

  /**
   * Counts the words of each batch on its own, like the lab's {@code flatMap/map/reduceByKey}.
   *
   * @param lines the stream of lines
   * @param tokenizer splits each line into words
   * @return per batch, one {@code (word, count)} pair per distinct word of that batch
   */
  public static JavaPairDStream<String, Long> perBatch(JavaDStream<String> lines, Tokenizer tokenizer) {
    return lines.transformToPair(rdd -> count(rdd, tokenizer));
  }

  /**
   * Counts the words of each batch straight from record values: the same counts as {@link #perBatch} over the
   * values' texts. With the defaults ({@link ValueExtractor#utf8()}, {@link Tokenizers#whitespace()}) an
   * all-ASCII value is split and counted as bytes, without a {@code String} of the line: on direct-app's warm
   * batches the decoding, the copy of each line and the lookups of its words were most of the executors' time.
   *
   * <pre>{@code
   * WordCounts.perBatchOfValues(records.map(ConsumerRecord::value), ValueExtractor.utf8(), Tokenizers.whitespace());
   * }</pre>
   *
   * @param values the records' values ({@code null} for a record without one)
   * @param extractor how to get the text from a value
   * @param tokenizer splits each text into words
   * @return per batch, one {@code (word, count)} pair per distinct word of that batch
   */
  public static JavaPairDStream<String, Long> perBatchOfValues(JavaDStream<byte[]> values, ValueExtractor extractor,
      Tokenizer tokenizer) {
    if (!ValueCounter.counts(extractor, tokenizer)) {
      return perBatch(RecordTexts.of(values, WordCounts::itself, extractor), tokenizer);
    }
    // The decoding counters are looked up per batch on the driver, as RecordTexts does (checkpoint restarts).
    return values.transformToPair(rdd -> sumPerWord(rdd.mapPartitionsToPair(
        new ValueCounter(RecordDecoding.forContext(rdd.context())))));
  }

  private static byte[] itself(byte[] value) {
    return value;
  }

  /**
   * Counts the words of each batch from record values read with Kafka's {@code ByteBufferDeserializer}, as
   * {@link #perBatchOfValues} counts arrays: with the defaults an all-ASCII value is counted where the consumer
   * fetched it, so the consumer makes no array of each value (the copy {@code ByteArrayDeserializer} makes, and
   * its garbage); any other value is copied out and counted as {@link #perBatchOfValues} counts it. The buffers
   * must be read in the partition that polled them, as a {@code KafkaRDD}'s are.
   *
   * <pre>{@code
   * WordCounts.perBatchOfValueBuffers(records.map(ConsumerRecord::value), ValueExtractor.utf8(),
   *     Tokenizers.whitespace());
   * }</pre>
   *
   * @param values the records' values ({@code null} for a record without one)
   * @param extractor how to get the text from a value
   * @param tokenizer splits each text into words
   * @return per batch, one {@code (word, count)} pair per distinct word of that batch
   */
  public static JavaPairDStream<String, Long> perBatchOfValueBuffers(JavaDStream<ByteBuffer> values,
      ValueExtractor extractor, Tokenizer tokenizer) {
    if (!ValueCounter.counts(extractor, tokenizer)) {
      return perBatchOfValues(values.map(WordCounts::bytesOf), extractor, tokenizer);
    }
    return values.transformToPair(rdd -> sumPerWord(rdd.mapPartitionsToPair(
        new ValueCounter.OfBuffers(RecordDecoding.forContext(rdd.context())))));
  }

  /** The bytes a buffer has left, in an array of their own; {@code null} for {@code null}. */
  static byte[] bytesOf(ByteBuffer value) {
    if (value == null) {
      return null;
    }
    byte[] bytes = new byte[value.remaining()];
    value.duplicate().get(bytes);
    return bytes;
  }

  /**
   * Sums per-batch counts over a sliding window of batches.
   *
   * @param batchCounts per-batch counts, as from {@link #perBatch}
   * @param window the window's length, a multiple of the batch interval
   * @param slide how often a window ends, a multiple of the batch interval
   * @return per slide, the counts of the words seen in the last {@code window}
   */
  public static JavaPairDStream<String, Long> windowed(
      JavaPairDStream<String, Long> batchCounts, Duration window, Duration slide) {
    return batchCounts.reduceByKeyAndWindow(Long::sum, window, slide);
  }

  /**
   * Keeps a running total per word across batches. The streaming context needs a checkpoint directory.
   *
   * <p>The returned stream holds, per batch, the new totals of the words seen in that batch (what an
   * output topic wants); its {@code stateSnapshots()} hold every word's total (what a printout wants).
   *
   * @param batchCounts per-batch counts, as from {@link #perBatch}
   * @return the totals of the words updated in each batch, with all totals as state snapshots
   */
  public static JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>> runningTotals(
      JavaPairDStream<String, Long> batchCounts) {
    return batchCounts.mapWithState(StateSpec.function(ADD_TO_TOTAL));
  }

  private static final Function3<String, Optional<Long>, State<Long>, Tuple2<String, Long>> ADD_TO_TOTAL =
      WordCounts::addToTotal;

  private static Tuple2<String, Long> addToTotal(String word, Optional<Long> count, State<Long> total) {
    long updated = (total.exists() ? total.get() : 0L) + count.orElse(0L);
    total.update(updated);
    return new Tuple2<>(word, updated);
  }

  /** Counts the words of one partition into a map, then emits a pair per distinct word. */
  static final class PartitionCounter implements PairFlatMapFunction<Iterator<String>, String, Long> {
    private static final long serialVersionUID = 1L;
    private final Tokenizer tokenizer;

    PartitionCounter(Tokenizer tokenizer) {
      this.tokenizer = tokenizer;
    }

    @Override
    public Iterator<Tuple2<String, Long>> call(Iterator<String> lines) {
      WordTable counts = new WordTable();
      while (lines.hasNext()) {
        tokenizer.forEachTokenRange(lines.next(), counts);
      }
      return counts.pairs().iterator();
    }
  }
}
