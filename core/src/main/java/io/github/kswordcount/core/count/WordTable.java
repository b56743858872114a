package io.github.kswordcount.core.count;

import io.github.kswordcount.core.text.TokenSink;
import java.util.ArrayList;
import java.util.List;
import scala.Tuple2;

/**
 * Counts words given as ranges of a line, in an open-addressing table: a word already in the table is found by
 * hashing and comparing its chars where they are, so only a word's first occurrence makes a {@code String}. The
 * per-partition hot path of {@link WordCounts}: against a {@code HashMap<String, long[]>} fed one substring per
 * token it saves the substring, its hash and a boxed entry per occurrence.
 *
 * <pre>{@code
 * WordTable table = new WordTable();
 * Tokenizers.whitespace().forEachTokenRange("to be or not to be", table);
 * table.pairs();   // [(to,2), (be,2), (or,1), (not,1)] in table order
 * }</pre>
 *
 * <p>Not thread-safe: one table per partition.
 */
final class WordTable implements TokenSink {
  private static final int INITIAL_SLOTS = 1024;

  /** Per slot, the index of its word plus one; 0 for an empty slot. Its length is a power of two. */
  private int[] slots = new int[INITIAL_SLOTS];
  private String[] words = new String[INITIAL_SLOTS / 2];
  private int[] hashes = new int[INITIAL_SLOTS / 2];
  private long[] counts = new long[INITIAL_SLOTS / 2];
  private int size;

  @Override
  public void token(String text, int start, int end) {
    add(text, start, end, 1);
  }

  /**
   * Adds {@code count} occurrences of the word {@code text.substring(start, end)}.
   *
   * @param text the text holding the word
   * @param start the word's first char
   * @param end the index after its last char
   * @param count how many occurrences
   */
  public void add(String text, int start, int end, long count) {
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + text.charAt(i);
    }
    int length = end - start;
    int mask = slots.length - 1;
    int slot = spread(hash) & mask;
    while (true) {
      int entry = slots[slot] - 1;
      if (entry < 0) {
        insert(slot, start == 0 && end == text.length() ? text : text.substring(start, end), hash, count);
        return;
      }
      String word = words[entry];
      if (hashes[entry] == hash && word.length() == length && text.regionMatches(start, word, 0, length)) {
        counts[entry] += count;
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * How many distinct words the table holds.
   *
   * @return the number of words
   */
  public int size() {
    return size;
  }

  /**
   * One {@code (word, count)} pair per distinct word, in table order.
   *
   * @return the pairs
   */
  public List<Tuple2<String, Long>> pairs() {
    List<Tuple2<String, Long>> pairs = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      pairs.add(new Tuple2<>(words[i], counts[i]));
    }
    return pairs;
  }

  private void insert(int slot, String word, int hash, long count) {
    if (size == words.length) {
      grow();
      int mask = slots.length - 1;
      slot = spread(hash) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
    }
    words[size] = word;
    hashes[size] = hash;
    counts[size] = count;
    slots[slot] = ++size;
  }

  /** Doubles the entries and the slots (the slots stay at most half full), and places every word again. */
  private void grow() {
    int entries = words.length * 2;
    words = java.util.Arrays.copyOf(words, entries);
    hashes = java.util.Arrays.copyOf(hashes, entries);
    counts = java.util.Arrays.copyOf(counts, entries);
    slots = new int[entries * 2];
    int mask = slots.length - 1;
    for (int i = 0; i < size; i++) {
      int slot = spread(hashes[i]) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = i + 1;
    }
  }

  /** Mixes the high bits of a string hash into the low ones the mask keeps (as {@code HashMap} does, more so). */
  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
