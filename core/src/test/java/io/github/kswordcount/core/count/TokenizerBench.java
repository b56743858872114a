package io.github.kswordcount.core.count;

import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.text.Tokenizer;
import io.github.kswordcount.core.text.Tokenizers;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/**
 * The per-partition counting hot path (tokenize, then count into a table; before it, into a map) against the
 * lab's way of splitting lines: {@code split(" ")} (which also yields empty words) and a regex split per line.
 * Run by {@code bench/wordcount.sh}; each operation counts 10,000 corpus lines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenizerBench {

  private List<String> lines;
  private final Tokenizer whitespace = Tokenizers.whitespace();
  private final Tokenizer words = Tokenizers.words();

  /** Makes the corpus. */
  @Setup
  public void corpus() {
    lines = Corpus.generate(10_000, 42).lines();
    long bytes = lines.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();
    // JMH gives operations per second; MB/s of text is that times this.
    System.out.printf(Locale.ROOT, "%nOne operation counts %,d lines, %,d bytes of UTF-8 text (with newlines)%n",
        lines.size(), bytes);
  }

  /**
   * The whitespace tokenizer, counted into a map as {@code WordCounts} does in each partition.
   *
   * @return the counts, so the work is not optimized away
   */
  @Benchmark
  public Map<String, long[]> whitespaceTokenizer() {
    Map<String, long[]> counts = new HashMap<>();
    for (String line : lines) {
      whitespace.forEachToken(line, w -> counts.computeIfAbsent(w, k -> new long[1])[0]++);
    }
    return counts;
  }

  /**
   * The whitespace tokenizer's ranges counted into a {@link WordTable}, as {@code WordCounts} does in each
   * partition: no {@code String} per token.
   *
   * @return the table
   */
  @Benchmark
  public WordTable whitespaceIntoTable() {
    WordTable table = new WordTable();
    for (String line : lines) {
      whitespace.forEachTokenRange(line, table);
    }
    return table;
  }

  /**
   * The words tokenizer (letters, digits and marks, lowercased), counted into a map.
   *
   * @return the counts
   */
  @Benchmark
  public Map<String, long[]> wordsTokenizer() {
    Map<String, long[]> counts = new HashMap<>();
    for (String line : lines) {
      words.forEachToken(line, w -> counts.computeIfAbsent(w, k -> new long[1])[0]++);
    }
    return counts;
  }

  /**
   * The lab's {@code split(" ")}, counted with boxed {@code merge} as a {@code reduceByKey} over pairs would.
   *
   * @return the counts
   */
  @Benchmark
  public Map<String, Long> labSplitOnSpace() {
    Map<String, Long> counts = new HashMap<>();
    for (String line : lines) {
      for (String w : line.split(" ")) {
        counts.merge(w, 1L, Long::sum);
      }
    }
    return counts;
  }

  /**
   * A regex split per line, the usual fix for the lab's empty words.
   *
   * @return the counts
   */
  @Benchmark
  public Map<String, Long> regexSplit() {
    Map<String, Long> counts = new HashMap<>();
    for (String line : lines) {
      for (String w : line.trim().split("\\s+")) {
        if (!w.isEmpty()) {
          counts.merge(w, 1L, Long::sum);
        }
      }
    }
    return counts;
  }
}
