package io.github.kswordcount.core.count;

import io.github.kswordcount.core.text.TokenSink;
import io.github.kswordcount.core.text.Tokenizers;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import scala.Tuple2;

/**
 * Counts words given as ranges of a line, in an open-addressing table: a word already in the table is found by
 * hashing and comparing its chars where they are, so only a word's first occurrence makes a {@code String}. The
 * per-partition hot path of {@link WordCounts}: against a {@code HashMap<String, long[]>} fed one substring per
 * token it saves the substring, its hash and a boxed entry per occurrence.
 *
 * <p>Record values that are all ASCII are counted from their bytes ({@link #addAsciiLine}): no {@code String} of
 * the line, a word of up to 8 bytes compared as one packed {@code long}, longer ones against a pool of the
 * words' chars. (Copying each line's chars into an array for the {@code String} path, tried first, was slower
 * than {@code regionMatches}: 0.81x to 0.98x in thread CPU time over 1,000,000 lines, 5 alternated rounds.)
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
  /** The packing of no word: ASCII bytes are below 0x80, so no packed word has all bits set. */
  private static final long NOT_PACKED = -1L;
  private static final long TOP_BITS = 0x8080808080808080L;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Per slot, the index of its word plus one; 0 for an empty slot. Its length is a power of two. */
  private int[] slots = new int[INITIAL_SLOTS];
  private String[] words = new String[INITIAL_SLOTS / 2];
  private int[] hashes = new int[INITIAL_SLOTS / 2];
  private long[] counts = new long[INITIAL_SLOTS / 2];
  /** Where each word's chars start in {@link #pool}; its length is its string's. */
  private int[] offsets = new int[INITIAL_SLOTS / 2];
  /** Per word of at most 8 ASCII chars, those chars packed one a byte ({@link #NOT_PACKED} for other words). */
  private long[] packed = new long[INITIAL_SLOTS / 2];
  private char[] pool = new char[INITIAL_SLOTS * 4];
  private int poolSize;
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
   * Counts the words of a record value that is all ASCII, split as {@link Tokenizers#whitespace()} splits its
   * text, straight from its bytes: no {@code String} of the line, and a word already in the table makes none
   * either. ASCII chars hash and compare as their bytes, so a word counted here and one counted from a
   * {@code String} share one entry.
   *
   * @param value the record's value bytes
   * @return {@code false}, having counted nothing, when a byte is not ASCII (the caller decodes the value)
   */
  boolean addAsciiLine(byte[] value) {
    int length = value.length;
    int i = 0;
    // Eight bytes at a time: a byte of 0x80 or more has its top bit set.
    for (; i + Long.BYTES <= length; i += Long.BYTES) {
      if (((long) LONGS.get(value, i) & TOP_BITS) != 0) {
        return false;
      }
    }
    for (; i < length; i++) {
      if (value[i] < 0) {
        return false;
      }
    }
    // One pass splits, hashes and packs; whitespace is at most ' ', so most bytes take the first branch.
    int start = -1;
    int hash = 0;
    long pack = 0;
    for (int j = 0; j < length; j++) {
      byte b = value[j];
      if (b > ' ' || !isAsciiWhitespace(b)) {
        if (start < 0) {
          start = j;
          hash = 0;
          pack = 0;
        }
        hash = 31 * hash + b;
        pack = pack << 8 | b;
      } else if (start >= 0) {
        addAscii(value, start, j, hash, pack);
        start = -1;
      }
    }
    if (start >= 0) {
      addAscii(value, start, length, hash, pack);
    }
    return true;
  }

  /** {@link Character#isWhitespace(char)} for an ASCII char: space, tab to carriage return, and U+001C to U+001F. */
  static boolean isAsciiWhitespace(byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1C && b <= 0x1F);
  }

  /** Counts the word {@code bytes[start, end)}, given its string hash and its last 8 bytes packed. */
  private void addAscii(byte[] bytes, int start, int end, int hash, long pack) {
    int length = end - start;
    // Most words fit 8 bytes: one comparison of their packing, no loop over their chars.
    long key = length <= Long.BYTES ? pack : NOT_PACKED;
    int mask = slots.length - 1;
    int slot = spread(hash) & mask;
    while (true) {
      int entry = slots[slot] - 1;
      if (entry < 0) {
        insert(slot, new String(bytes, start, length, StandardCharsets.ISO_8859_1), hash, 1);
        return;
      }
      if (hashes[entry] == hash && words[entry].length() == length
          && (key != NOT_PACKED ? packed[entry] == key : sameChars(bytes, start, offsets[entry], length))) {
        counts[entry]++;
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The packing {@link #addAscii} makes of a word of at most 8 ASCII chars; {@link #NOT_PACKED} for others. */
  private static long pack(char[] chars, int offset, int length) {
    if (length > Long.BYTES) {
      return NOT_PACKED;
    }
    long pack = 0;
    for (int i = offset; i < offset + length; i++) {
      if (chars[i] >= 0x80) {
        return NOT_PACKED;
      }
      pack = pack << 8 | chars[i];
    }
    return pack;
  }

  private boolean sameChars(byte[] bytes, int start, int offset, int length) {
    char[] chars = pool;
    for (int i = 0; i < length; i++) {
      if (chars[offset + i] != bytes[start + i]) {
        return false;
      }
    }
    return true;
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
    int length = word.length();
    if (pool.length - poolSize < length) {
      pool = Arrays.copyOf(pool, Math.max(poolSize + length, pool.length * 2));
    }
    word.getChars(0, length, pool, poolSize);
    packed[size] = pack(pool, poolSize, length);
    offsets[size] = poolSize;
    poolSize += length;
    words[size] = word;
    hashes[size] = hash;
    counts[size] = count;
    slots[slot] = ++size;
  }

  /** Doubles the entries and the slots (the slots stay at most half full), and places every word again. */
  private void grow() {
    int entries = words.length * 2;
    words = Arrays.copyOf(words, entries);
    hashes = Arrays.copyOf(hashes, entries);
    counts = Arrays.copyOf(counts, entries);
    offsets = Arrays.copyOf(offsets, entries);
    packed = Arrays.copyOf(packed, entries);
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
