package io.github.kswordcount.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Deterministic English-like text: words drawn from a {@link Vocabulary} with Zipf's law (the k-th word
 * {@code 1/k} as often as the first), single spaces, 8 to 14 words a line, about 62 bytes a line.
 */
final class EnglishText {

  /** Words in the vocabulary. */
  static final int VOCABULARY_SIZE = 3000;
  private static final int MIN_WORDS = 8;
  private static final int MAX_WORDS = 14;

  private final List<String> words;
  private final double[] cumulative;
  private final Random random;

  EnglishText(long seed) {
    this.words = Vocabulary.words(VOCABULARY_SIZE, seed);
    this.cumulative = new double[words.size()];
    double sum = 0;
    for (int k = 0; k < cumulative.length; k++) {
      sum += 1.0 / (k + 1);
      cumulative[k] = sum;
    }
    for (int k = 0; k < cumulative.length; k++) {
      cumulative[k] /= sum;
    }
    this.random = new Random(seed);
  }

  /**
   * The next line, without its line end.
   *
   * @return words separated by single spaces
   */
  String nextLine() {
    int count = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
    StringBuilder line = new StringBuilder(96);
    for (int i = 0; i < count; i++) {
      int index = Arrays.binarySearch(cumulative, random.nextDouble());
      line.append(i == 0 ? "" : " ").append(words.get(Math.min(words.size() - 1, index < 0 ? -index - 1 : index)));
    }
    return line.toString();
  }

  /**
   * Writes {@code lines} lines, each ended by {@code \n}, in UTF-8.
   *
   * @param file the file to create or replace
   * @param lines how many lines
   * @param seed the seed: the same seed and count give the same bytes
   * @return the file's size in bytes
   * @throws IOException if the file cannot be written
   */
  static long write(Path file, int lines, long seed) throws IOException {
    EnglishText text = new EnglishText(seed);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < lines; i++) {
        out.write(text.nextLine());
        out.write('\n');
      }
    }
    return Files.size(file);
  }
}
