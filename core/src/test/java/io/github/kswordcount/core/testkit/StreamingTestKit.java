package io.github.kswordcount.core.testkit;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.InputDStream;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.util.ManualClock;
import scala.Option;
import scala.reflect.ClassTag$;

/**
 * Tests a streaming transformation batch by batch, as spark-testing-base's {@code StreamingSuiteBase} does: feed
 * input batches, advance a manual clock one batch at a time, and get each batch's output to compare exactly.
 * Checkpointing is on, so a closure that cannot be serialized fails here, in a unit test, not on a cluster; and
 * stateful transformations (windows, running totals) work.
 *
 * <pre>{@code
 * try (StreamingTestKit kit = StreamingTestKit.start()) {
 *   List<Map<String, Long>> out = kit.runPairs(List.of(List.of("a b a"), List.of(), List.of("b")),
 *       lines -> WordCounts.perBatch(lines, Tokenizers.words()));
 *   assertThat(out).containsExactly(Map.of("a", 2L, "b", 1L), Map.of(), Map.of("b", 1L));
 * }
 * }</pre>
 *
 * <p>Ships in core's test jar ({@code <type>test-jar</type>}); needs Spark on the test class path.
 */
public final class StreamingTestKit implements AutoCloseable {
  /** The batch interval of every run; the manual clock moves by it. */
  public static final Duration BATCH = Duration.ofSeconds(1);
  private static final long BATCH_TIMEOUT_S = 60;
  /** Each run's output per batch; static, so the checkpointed closures capture only a key. */
  private static final Map<String, List<Object>> OUTPUT = new ConcurrentHashMap<>();

  private final JavaSparkContext sc;
  private final Path checkpoints;

  private StreamingTestKit(JavaSparkContext sc, Path checkpoints) {
    this.sc = sc;
    this.checkpoints = checkpoints;
  }

  /**
   * Starts a local Spark ({@code local[2]}, no UI, loopback only) with a manual clock.
   *
   * @return the kit; close it to stop Spark
   */
  public static StreamingTestKit start() {
    try {
      Path dir = Files.createTempDirectory("streaming-test-kit");
      JavaSparkContext sc = new JavaSparkContext(new SparkConf()
          .setMaster("local[2]")
          .setAppName("StreamingTestKit")
          .set("spark.ui.enabled", "false")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1")
          .set("spark.streaming.clock", ManualClock.class.getName()));
      return new StreamingTestKit(sc, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The Spark context, for RDD-level tests.
   *
   * @return the context
   */
  public JavaSparkContext sparkContext() {
    return sc;
  }

  /**
   * Runs a transformation of lines over the given batches and returns each batch's output, in batch order.
   *
   * @param batches the lines of each input batch
   * @param transformation what is tested
   * @param <T> the output type
   * @return per batch, its output elements (in no particular order within a batch)
   */
  public <T> List<List<T>> run(List<List<String>> batches, Transformation<JavaDStream<T>> transformation) {
    List<Object> raw = runCollecting(batches, lines -> {
      JavaDStream<T> out = transformation.apply(lines);
      return key -> out.foreachRDD(rdd -> OUTPUT.get(key).add(new ArrayList<>(rdd.collect())));
    });
    List<List<T>> result = new ArrayList<>();
    for (Object batch : raw) {
      @SuppressWarnings("unchecked")
      List<T> elements = (List<T>) batch;
      result.add(elements);
    }
    return result;
  }

  /**
   * Runs a transformation into pairs, such as word counts, and returns each batch's output as a map.
   *
   * @param batches the lines of each input batch
   * @param transformation what is tested
   * @param <K> the key type
   * @param <V> the value type
   * @return per batch, its pairs as a map
   */
  public <K, V> List<Map<K, V>> runPairs(List<List<String>> batches,
      Transformation<JavaPairDStream<K, V>> transformation) {
    List<Object> raw = runCollecting(batches, lines -> {
      JavaPairDStream<K, V> out = transformation.apply(lines);
      return key -> out.foreachRDD(rdd -> {
        // collect(), not collectAsMap(): Java DStreams carry erased class tags, and collectAsMap casts to Tuple2[].
        Map<K, V> map = new HashMap<>();
        rdd.collect().forEach(pair -> map.put(pair._1(), pair._2()));
        OUTPUT.get(key).add(map);
      });
    });
    List<Map<K, V>> result = new ArrayList<>();
    for (Object batch : raw) {
      @SuppressWarnings("unchecked")
      Map<K, V> map = (Map<K, V>) batch;
      result.add(map);
    }
    return result;
  }

  /** Stops Spark and deletes the checkpoints. */
  @Override
  public void close() {
    sc.stop();
    try (Stream<Path> files = Files.walk(checkpoints)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The transformation under test, from the input lines.
   *
   * @param <R> its output stream
   */
  @FunctionalInterface
  public interface Transformation<R> {
    /**
     * Builds the transformation.
     *
     * @param lines one batch of lines per interval
     * @return its output
     */
    R apply(JavaDStream<String> lines);
  }

  private interface Collector {
    void register(String key);
  }

  private List<Object> runCollecting(List<List<String>> batches, java.util.function.Function<JavaDStream<String>,
      Collector> wiring) {
    String key = UUID.randomUUID().toString();
    OUTPUT.put(key, Collections.synchronizedList(new ArrayList<>()));
    JavaStreamingContext ssc = new JavaStreamingContext(sc, Durations.milliseconds(BATCH.toMillis()));
    Semaphore completed = new Semaphore(0);
    try {
      ssc.checkpoint(checkpoints.resolve(key).toString());
      JavaDStream<String> lines = new JavaDStream<>(new ScriptedLines(ssc.ssc(), batches),
          ClassTag$.MODULE$.apply(String.class));
      wiring.apply(lines).register(key);
      ssc.ssc().addStreamingListener(new StreamingListener() {
        @Override
        public void onBatchCompleted(StreamingListenerBatchCompleted batch) {
          completed.release();
        }
      });
      ssc.start();
      ManualClock clock = (ManualClock) ssc.ssc().scheduler().clock();
      for (int i = 1; i <= batches.size(); i++) {
        clock.advance(BATCH.toMillis());
        if (!completed.tryAcquire(BATCH_TIMEOUT_S, TimeUnit.SECONDS)) {
          throw new IllegalStateException("batch " + i + " did not complete within " + BATCH_TIMEOUT_S + " s");
        }
      }
      return new ArrayList<>(OUTPUT.get(key));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      ssc.stop(false, false);
      OUTPUT.remove(key);
    }
  }

  /** One scripted batch of lines per interval; unlike {@code queueStream}, it can be checkpointed. */
  private static final class ScriptedLines extends InputDStream<String> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ArrayList<ArrayList<String>> batches = new ArrayList<>();

    ScriptedLines(StreamingContext ssc, List<List<String>> batches) {
      super(ssc, ClassTag$.MODULE$.apply(String.class));
      batches.forEach(b -> this.batches.add(new ArrayList<>(b)));
    }

    @Override
    public void start() {}

    @Override
    public void stop() {}

    @Override
    public Option<RDD<String>> compute(Time validTime) {
      long index = (validTime.milliseconds() - zeroTime().milliseconds()) / slideDuration().milliseconds() - 1;
      List<String> lines = index < batches.size() ? batches.get((int) index) : List.of();
      return Option.apply(JavaSparkContext.fromSparkContext(context().sparkContext()).parallelize(lines, 2).rdd());
    }
  }
}
