package io.github.kswordcount.core.count;

import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.text.Tokenizers;
import io.github.kswordcount.core.text.ValueExtractor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import scala.Tuple2;

/**
 * A partition of record values counted the jobs' two ways (issue 24): decoded to a {@code String} each and split
 * ({@link WordCounts#count}'s path, still taken for other tokenizers and extractors), or, for the default utf8 and
 * whitespace, straight from the bytes ({@link ValueCounter}). Run by {@code bench/wordcount.sh ValueCountBench};
 * each operation counts 10,000 values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValueCountBench {

  private byte[][] values;

  /** Makes the values: the corpus's lines as UTF-8. */
  @Setup
  public void corpus() {
    List<String> lines = Corpus.generate(10_000, 42).lines();
    values = lines.stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
  }

  /**
   * Each value decoded, then split and counted as text.
   *
   * @return the last pair, so the work is not optimized away
   */
  @Benchmark
  public Tuple2<String, Long> decodedThenSplit() {
    Iterator<String> texts = Arrays.stream(values).map(v -> ValueExtractor.utf8().extract(v, null)).iterator();
    return last(new WordCounts.PartitionCounter(Tokenizers.whitespace()).call(texts));
  }

  /**
   * Each value split and counted from its bytes.
   *
   * @return the last pair
   */
  @Benchmark
  public Tuple2<String, Long> fromTheBytes() {
    return last(new ValueCounter(null).call(Arrays.asList(values).iterator()));
  }

  private static Tuple2<String, Long> last(Iterator<Tuple2<String, Long>> pairs) {
    Tuple2<String, Long> last = null;
    while (pairs.hasNext()) {
      last = pairs.next();
    }
    return last;
  }
}
