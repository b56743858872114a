package io.github.kswordcount.core.bench;

import io.github.kswordcount.core.count.WordCounts;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.text.Tokenizers;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import scala.Tuple2;

/**
 * One batch's word count on a local Spark ({@code local[2]}, 400,000 cached lines in 4 partitions):
 * {@link WordCounts#count}, which counts each partition into a map before the shuffle, against the lab's
 * {@code flatMap(split(" ")) -> mapToPair(w, 1) -> reduceByKey}, one tuple per word. Run by
 * {@code bench/wordcount.sh WordCountRddBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED"})
public class WordCountRddBench {

  private JavaSparkContext sc;
  private JavaRDD<String> lines;

  /** Starts Spark and caches the corpus. */
  @Setup
  public void start() {
    sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("bench")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1"));
    lines = sc.parallelize(Corpus.generate(400_000, 42).lines(), 4).cache();
    lines.count();
  }

  /** Stops Spark. */
  @TearDown
  public void stop() {
    sc.stop();
  }

  /**
   * core's count: a map per partition, one pair per distinct word into the shuffle.
   *
   * @return the distinct words
   */
  @Benchmark
  public long coreCount() {
    return WordCounts.count(lines, Tokenizers.whitespace()).count();
  }

  /**
   * The lab's pipeline: one {@code (word, 1)} tuple per word, combined by {@code reduceByKey}.
   *
   * @return the distinct words
   */
  @Benchmark
  public long labPipeline() {
    return lines.flatMap(line -> Arrays.asList(line.split(" ")).iterator())
        .mapToPair(w -> new Tuple2<>(w, 1L)).reduceByKey(Long::sum).count();
  }
}
