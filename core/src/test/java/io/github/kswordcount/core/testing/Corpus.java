package io.github.kswordcount.core.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic text corpus for integration tests, with its exact word counts computed independently of
 * the project's tokenizers (the words are separated by single spaces, so a plain split is exact).
 *
 * @param lines the lines, in order
 * @param counts each word's number of occurrences
 */
public record Corpus(List<String> lines, Map<String, Long> counts) {

  private static final String[] VOCABULARY = {
      "kafka", "spark", "stream", "offset", "partition", "broker", "Hi", "how", "are", "you?", "мир",
      "Привет", "日本語", "naïve", "café", "😀", "lab", "count", "word", "group", "zebra", "the", "a", "of"};

  /**
   * Makes {@code lines} lines of 1 to 12 words each, from a fixed seed.
   *
   * @param lines how many lines
   * @param seed the random seed
   * @return the corpus and its counts
   */
  public static Corpus generate(int lines, long seed) {
    Random random = new Random(seed);
    List<String> text = new ArrayList<>(lines);
    for (int i = 0; i < lines; i++) {
      int words = 1 + random.nextInt(12);
      StringBuilder line = new StringBuilder();
      for (int w = 0; w < words; w++) {
        // A skewed choice, so counts differ widely between words.
        int index = Math.min(VOCABULARY.length - 1, (int) Math.abs(random.nextGaussian() * VOCABULARY.length / 3));
        line.append(w == 0 ? "" : " ").append(VOCABULARY[index]);
      }
      text.add(line.toString());
    }
    return new Corpus(Collections.unmodifiableList(text), countOf(text));
  }

  /**
   * Counts the words of lines whose words are separated by single spaces.
   *
   * @param lines the lines
   * @return word counts
   */
  public static Map<String, Long> countOf(List<String> lines) {
    Map<String, Long> counts = new HashMap<>();
    for (String line : lines) {
      for (String word : line.split(" ")) {
        counts.merge(word, 1L, Long::sum);
      }
    }
    return counts;
  }

  /**
   * The corpus's lines from {@code from} (inclusive) to {@code to} (exclusive) as a corpus of their own.
   *
   * @param from first line
   * @param to end line
   * @return the slice with its counts
   */
  public Corpus slice(int from, int to) {
    List<String> part = lines.subList(from, to);
    return new Corpus(part, countOf(part));
  }
}
