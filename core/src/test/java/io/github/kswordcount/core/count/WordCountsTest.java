package io.github.kswordcount.core.count;

import io.github.kswordcount.core.internal.count.CountPipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.kswordcount.core.internal.output.BatchPrinter;
import io.github.kswordcount.core.text.Tokenizer;
import io.github.kswordcount.core.text.Tokenizers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.util.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipelines on a local Spark context, batch by batch with a manual clock, compared exactly. */
class WordCountsTest {

  private static final long BATCH_MS = 1000;
  /** Output per named stream, per batch; static so the checkpointed closures capture no test instance. */
  private static final Map<String, List<Map<String, Long>>> OUTPUT = new ConcurrentHashMap<>();

  private static final ByteArrayOutputStream PRINTED = new ByteArrayOutputStream();
  private static final PrintStream PRINTED_STREAM = new PrintStream(PRINTED, true, StandardCharsets.UTF_8);

  private static JavaSparkContext sc;
  private JavaStreamingContext ssc;
  private final Tokenizer whitespace = Tokenizers.whitespace();

  @TempDir Path checkpoint;

  @BeforeAll
  static void startSpark() {
    sc = new JavaSparkContext(new SparkConf()
        .setMaster("local[2]")
        .setAppName("WordCountsTest")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.streaming.clock", ManualClock.class.getName()));
  }

  @AfterAll
  static void stopSpark() {
    sc.stop();
  }

  @BeforeEach
  void newStreamingContext() {
    OUTPUT.clear();
    ssc = new JavaStreamingContext(sc, Durations.milliseconds(BATCH_MS));
  }

  @AfterEach
  void stopStreamingContext() {
    ssc.stop(false, false);
  }

  @Test
  void countsTheWordsOfOneRdd() {
    JavaRDD<String> lines = sc.parallelize(List.of("Hi how are you?", "how  are\tyou", "", "Привет мир мир"), 3);
    JavaPairRDD<String, Long> counts = WordCounts.count(lines, whitespace);
    assertThat(counts.collectAsMap()).isEqualTo(Map.of(
        "Hi", 1L, "how", 2L, "are", 2L, "you?", 1L, "you", 1L, "Привет", 1L, "мир", 2L));
  }

  @Test
  void countsEachBatchOnItsOwn() {
    JavaDStream<String> lines = queue(List.of("a b a", "b"), List.of(), List.of("c A", "a"));
    collect("counts", WordCounts.perBatch(lines, whitespace));
    runBatches(3);
    assertThat(OUTPUT.get("counts")).containsExactly(
        Map.of("a", 2L, "b", 2L), Map.of(), Map.of("c", 1L, "A", 1L, "a", 1L));
  }

  @Test
  void countsOverASlidingWindow() {
    JavaDStream<String> lines = queue(List.of("a"), List.of("a b"), List.of("b"), List.of());
    CountPipeline counts = CountPipeline.windowed(lines, Tokenizers.words(),
        Durations.milliseconds(2 * BATCH_MS), Durations.milliseconds(BATCH_MS));
    collect("window", counts.emitted());
    collect("printed", counts.printed());
    runBatches(4);
    assertThat(OUTPUT.get("window")).containsExactly(
        Map.of("a", 1L), Map.of("a", 2L, "b", 1L), Map.of("a", 1L, "b", 2L), Map.of("b", 1L));
    assertThat(OUTPUT.get("printed")).isEqualTo(OUTPUT.get("window"));
  }

  @Test
  void keepsRunningTotalsAcrossBatchesWithCheckpointingOn() {
    ssc.checkpoint(checkpoint.toString());
    JavaDStream<String> lines = new JavaDStream<>(new ScriptedStream(ssc.ssc(), List.of(
        List.of("a b", "a"), List.of("b c"), List.of(), List.of("мир a"))), scala.reflect.ClassTag$.MODULE$.apply(String.class));
    CountPipeline totals = CountPipeline.runningTotals(lines, whitespace);
    collect("updated", totals.emitted());
    collect("printed", totals.printed());
    runBatches(4);
    assertThat(OUTPUT.get("updated")).containsExactly(
        Map.of("a", 2L, "b", 1L), Map.of("b", 2L, "c", 1L), Map.of(), Map.of("мир", 1L, "a", 3L));
    // The printout shows the totals of the batch's words, as Spark's JavaStatefulNetworkWordCount prints them:
    // printing every total would scan the whole state (a million distinct words) at every batch.
    assertThat(OUTPUT.get("printed")).isEqualTo(OUTPUT.get("updated"));
  }

  @Test
  void printsEachBatchInPrintLayoutOrderedByCountThenWord() {
    PRINTED.reset();
    JavaDStream<String> lines = queue(List.of("b a b c", "c d"), List.of());
    JavaPairDStream<String, Long> counts = WordCounts.perBatch(lines, whitespace);
    BatchPrinter.print(counts, 2, () -> PRINTED_STREAM);
    collect("counts", counts);
    runBatches(2);
    String rule = "-------------------------------------------\n";
    assertThat(PRINTED.toString(StandardCharsets.UTF_8)).isEqualTo(
        rule + "Time: 1000 ms\n" + rule + "(b,2)\n(c,2)\n...\n\n"
            + rule + "Time: 2000 ms\n" + rule + "\n");
  }

  @SafeVarargs
  private JavaDStream<String> queue(List<String>... batches) {
    Queue<JavaRDD<String>> rdds = new ArrayDeque<>();
    for (List<String> batch : batches) {
      rdds.add(sc.parallelize(batch, 2));
    }
    return ssc.queueStream(rdds, true);
  }

  private static void collect(String name, JavaPairDStream<String, Long> stream) {
    OUTPUT.put(name, new ArrayList<>());
    stream.foreachRDD(rdd -> {
      // collect(), not collectAsMap(): Java DStreams carry erased class tags, and collectAsMap casts to Tuple2[].
      Map<String, Long> batch = new HashMap<>();
      rdd.collect().forEach(pair -> batch.put(pair._1(), pair._2()));
      OUTPUT.get(name).add(batch);
    });
  }

  /** Starts the context and runs {@code n} batches, waiting until every output has seen each one. */
  private void runBatches(int n) {
    ssc.start();
    ManualClock clock = (ManualClock) ssc.ssc().scheduler().clock();
    for (int i = 1; i <= n; i++) {
      clock.advance(BATCH_MS);
      int done = i;
      await("batch " + i).atMost(Duration.ofSeconds(30))
          .until(() -> OUTPUT.values().stream().allMatch(batches -> batches.size() >= done));
    }
  }
}
