package io.github.kswordcount.core.count;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.internal.count.CountPipeline;
import io.github.kswordcount.core.internal.output.BatchPrinter;
import io.github.kswordcount.core.testkit.StreamingTestKit;
import io.github.kswordcount.core.text.Tokenizer;
import io.github.kswordcount.core.text.Tokenizers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The pipelines on a local Spark context, batch by batch with a manual clock (the test kit), compared exactly. */
class WordCountsTest {
  private static final ByteArrayOutputStream PRINTED = new ByteArrayOutputStream();
  private static final PrintStream PRINTED_STREAM = new PrintStream(PRINTED, true, StandardCharsets.UTF_8);

  private static StreamingTestKit kit;
  private static final Tokenizer WHITESPACE = Tokenizers.whitespace();

  @BeforeAll
  static void startSpark() {
    kit = StreamingTestKit.start();
  }

  @AfterAll
  static void stopSpark() {
    kit.close();
  }

  @Test
  void countsTheWordsOfOneRdd() {
    JavaRDD<String> lines = kit.sparkContext().parallelize(
        List.of("Hi how are you?", "how  are\tyou", "", "Привет мир мир"), 3);
    JavaPairRDD<String, Long> counts = WordCounts.count(lines, WHITESPACE);
    assertThat(counts.collectAsMap()).isEqualTo(Map.of(
        "Hi", 1L, "how", 2L, "are", 2L, "you?", 1L, "you", 1L, "Привет", 1L, "мир", 2L));
  }

  /**
   * Partial counts of five input partitions (a receiver's batch has one per block) summed into one pair per word,
   * in one partition per core, with the partitioner {@code mapWithState} uses, so the state needs no second shuffle.
   */
  @Test
  void sumsPartialCountsIntoOnePairPerWordInOnePartitionPerCore() {
    JavaPairRDD<String, Long> partials = kit.sparkContext().parallelizePairs(List.of(
        new Tuple2<>("a", 2L), new Tuple2<>("b", 1L), new Tuple2<>("a", 5L), new Tuple2<>("c", 1L),
        new Tuple2<>("a", 1L), new Tuple2<>("b", 4L), new Tuple2<>("мир", 3L), new Tuple2<>("c", 10L)), 5);
    JavaPairRDD<String, Long> sums = WordCounts.sumPerWord(partials);
    int cores = kit.sparkContext().defaultParallelism();

    assertThat(sums.collect()).containsExactlyInAnyOrder(
        new Tuple2<>("a", 8L), new Tuple2<>("b", 5L), new Tuple2<>("c", 11L), new Tuple2<>("мир", 3L));
    assertThat(sums.getNumPartitions()).isEqualTo(cores).isNotEqualTo(5);
    assertThat(sums.partitioner().orNull()).isEqualTo(new HashPartitioner(cores));
  }

  @Test
  void countsEachBatchOnItsOwn() {
    assertThat(kit.runPairs(List.of(List.of("a b a", "b"), List.of(), List.of("c A", "a")),
        lines -> WordCounts.perBatch(lines, WHITESPACE))).containsExactly(
        Map.of("a", 2L, "b", 2L), Map.of(), Map.of("c", 1L, "A", 1L, "a", 1L));
  }

  @Test
  void countsOverASlidingWindow() {
    List<List<String>> input = List.of(List.of("a"), List.of("a b"), List.of("b"), List.of());
    List<Map<String, Long>> window = kit.runPairs(input, lines -> CountPipeline.windowed(lines, Tokenizers.words(),
        Durations.seconds(2), Durations.seconds(1)).emitted());
    assertThat(window).containsExactly(
        Map.of("a", 1L), Map.of("a", 2L, "b", 1L), Map.of("a", 1L, "b", 2L), Map.of("b", 1L));
    assertThat(kit.runPairs(input, lines -> CountPipeline.windowed(lines, Tokenizers.words(),
        Durations.seconds(2), Durations.seconds(1)).printed())).isEqualTo(window);
  }

  @Test
  void keepsRunningTotalsAcrossBatchesWithCheckpointingOn() {
    List<List<String>> input = List.of(List.of("a b", "a"), List.of("b c"), List.of(), List.of("мир a"));
    List<Map<String, Long>> updated = kit.runPairs(input,
        lines -> CountPipeline.runningTotals(lines, WHITESPACE).emitted());
    assertThat(updated).containsExactly(
        Map.of("a", 2L, "b", 1L), Map.of("b", 2L, "c", 1L), Map.of(), Map.of("мир", 1L, "a", 3L));
    // The printout shows the totals of the batch's words, as Spark's JavaStatefulNetworkWordCount prints them:
    // printing every total would scan the whole state (a million distinct words) at every batch.
    assertThat(kit.runPairs(input, lines -> CountPipeline.runningTotals(lines, WHITESPACE).printed()))
        .isEqualTo(updated);
  }

  @Test
  void printsEachBatchInPrintLayoutOrderedByCountThenWord() {
    PRINTED.reset();
    kit.runPairs(List.of(List.of("b a b c", "c d"), List.of()), lines -> {
      JavaPairDStream<String, Long> counts = WordCounts.perBatch(lines, WHITESPACE);
      BatchPrinter.print(counts, 2, () -> PRINTED_STREAM);
      return counts;
    });
    String rule = "-------------------------------------------\n";
    assertThat(PRINTED.toString(StandardCharsets.UTF_8)).isEqualTo(
        rule + "Time: 1000 ms\n" + rule + "(b,2)\n(c,2)\n...\n\n"
            + rule + "Time: 2000 ms\n" + rule + "\n");
  }
}
