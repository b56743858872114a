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
 * the line. Eight bytes at a time, the value is checked for ASCII and its word chars marked as bits, and the words
 * are read from the bits; a word of up to 8 bytes is its own key, one {@code long}, counted in a second table of
 * keys and counts side by side, a word of 9 to 16 bytes is two, in a third, longer ones in the first. The tables
 * are one when read ({@link #pairs}). The second and third are at most a quarter full. On the benchmark's English
 * text (1,000,000 lines, 11 words a line, one in seven longer than 8 bytes, which took the first table's hash and
 * char-by-char compare) these took 11.5-13.1 ns a word against 14.1-16.0 for one key of up to 8 bytes in a table
 * at most half full: 1.18x..1.28x per round, 10 alternated rounds in thread CPU time (docs/profile.md). (Copying
 * each line's chars into an array for the {@code String} path, tried first, was slower than {@code regionMatches}:
 * 0.81x to 0.98x in thread CPU time over 1,000,000 lines, 5 alternated rounds. Splitting byte by byte, with a
 * branch per byte, took 1.34x to 1.95x the bits' thread CPU time over 500,000 values: docs/profile.md.)
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
  private static final long TOP_BITS = 0x8080808080808080L;
  private static final long SPACES = 0x2020202020202020L;
  /** Gathers the top bits of a long's bytes, shifted down to bit 0 of each byte, into its top byte, in order. */
  private static final long GATHER = 0x0102040810204080L;
  private static final long KEY_MIX = 0x9E3779B97F4A7C15L;
  /** What {@link #wordBits} says of eight bytes of which one is not ASCII. */
  private static final int NOT_ASCII = -2;
  /** What {@link #wordBits} says of eight ASCII bytes of which one is whitespace other than ' ' or a control char. */
  private static final int OTHER_SPACE = -1;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Per slot, the index of its word plus one; 0 for an empty slot. Its length is a power of two. */
  private int[] slots = new int[INITIAL_SLOTS];
  private String[] words = new String[INITIAL_SLOTS / 2];
  private int[] hashes = new int[INITIAL_SLOTS / 2];
  private long[] counts = new long[INITIAL_SLOTS / 2];
  /** Where each word's chars start in {@link #pool}; its length is its string's. */
  private int[] offsets = new int[INITIAL_SLOTS / 2];
  private char[] pool = new char[INITIAL_SLOTS * 4];
  private int poolSize;
  private int size;

  /**
   * The words of 1 to 8 ASCII bytes counted from values: per slot a key ({@link #shortKey}; 0 for an empty slot)
   * and its count, side by side, so a word is found with one read. At most a quarter full; its length is a power of
   * two.
   */
  private long[] shortWords = new long[2 * INITIAL_SLOTS];
  private int shortSize;
  /**
   * The words of 9 to 16 ASCII bytes counted from values: per slot their first eight bytes, the {@link #shortKey}
   * of the rest (0 for an empty slot) and the count, side by side. At most a quarter full; its slots a power of
   * two.
   */
  private long[] mediumWords = new long[3 * INITIAL_SLOTS];
  private int mediumSize;
  /** Per 64 bytes of the value being counted, bit {@code k} set when its byte {@code k} is a word char. */
  private long[] wordChars = new long[4];

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
   * {@code String} are one pair when read.
   *
   * @param value the record's value bytes
   * @return {@code false}, having counted nothing, when a byte is not ASCII (the caller decodes the value)
   */
  boolean addAsciiLine(byte[] value) {
    return addAsciiLine(value, 0, value.length);
  }

  /**
   * Counts the words of the value {@code bytes[from, to)}, as {@link #addAsciiLine(byte[])} does: for a value that
   * is a slice of a larger array, such as Kafka's fetched bytes, without copying it out.
   *
   * @param bytes the array holding the value
   * @param from the value's first byte
   * @param to the index after its last byte
   * @return {@code false}, having counted nothing, when a byte is not ASCII
   */
  boolean addAsciiLine(byte[] bytes, int from, int to) {
    int length = to - from;
    int blocks = (length + 63) >>> 6;
    if (wordChars.length < blocks) {
      wordChars = new long[blocks];
    }
    long[] bits = wordChars;
    boolean spaced = true;
    for (int base = from; base < to; base += 64) {
      long block = 0;
      int end = Math.min(to, base + 64);
      for (int at = base; at < end; at += Long.BYTES) {
        int chunk = wordBits(bytes, at, to);
        if (chunk == NOT_ASCII) {
          return false;
        }
        spaced &= chunk != OTHER_SPACE;
        block |= (long) (chunk & 0xFF) << (at - base);
      }
      bits[(base - from) >>> 6] = block;
    }
    if (!spaced) {
      addAsciiByteByByte(bytes, from, to);
      return true;
    }
    // A word is a run of set bits; one that reaches bit 63 goes on in the next block.
    int open = -1;
    for (int base = from; base < to; base += 64) {
      long block = bits[(base - from) >>> 6];
      if (open >= 0) {
        int run = Long.numberOfTrailingZeros(~block);
        if (run == 64) {
          continue;
        }
        addAsciiWord(bytes, open, base + run, to);
        open = -1;
        block &= -1L << run;
      }
      while (block != 0) {
        int start = Long.numberOfTrailingZeros(block);
        int end = start + Long.numberOfTrailingZeros(~(block >>> start));
        if (end == 64) {
          open = base + start;
          break;
        }
        addAsciiWord(bytes, base + start, base + end, to);
        block &= -1L << end;
      }
    }
    if (open >= 0) {
      addAsciiWord(bytes, open, to, to);
    }
    return true;
  }

  /**
   * Of the (up to) eight bytes of {@code bytes} from {@code at} and before {@code to}: bit {@code k} set when byte
   * {@code k} is above {@code ' '} (a word char); {@link #NOT_ASCII} when a byte is not ASCII; {@link #OTHER_SPACE}
   * when a byte is neither a word char above {@code ' '} nor {@code ' '} itself (a tab, a line break, a control
   * char).
   */
  private static int wordBits(byte[] bytes, int at, int to) {
    int n = to - at;
    long x;
    long valid = -1L;
    if (n >= Long.BYTES) {
      x = (long) LONGS.get(bytes, at);
    } else {
      valid = -1L >>> (Long.SIZE - Byte.SIZE * n);
      x = bytesBefore(bytes, at, to);
    }
    if ((x & TOP_BITS) != 0) {
      return NOT_ASCII;
    }
    // Per byte (all below 0x80, so no carry leaves a byte): its top bit set when it is above ' ', or not ' '.
    long word = (x + 0x5F5F5F5F5F5F5F5FL) & TOP_BITS;
    long notSpace = ((x ^ SPACES) + 0x7F7F7F7F7F7F7F7FL) & TOP_BITS;
    if ((notSpace & ~word & valid) != 0) {
      return OTHER_SPACE;
    }
    return (int) (((word & valid) >>> 7) * GATHER >>> 56);
  }

  /**
   * The bytes {@code [at, to)}, fewer than 8, as the low bytes of a little-endian long, the others 0: one read of
   * the eight bytes that end at {@code to} when the array has them (bytes before {@code at} are shifted out).
   */
  private static long bytesBefore(byte[] bytes, int at, int to) {
    if (to >= Long.BYTES) {
      return (long) LONGS.get(bytes, to - Long.BYTES) >>> (Byte.SIZE * (Long.BYTES - (to - at)));
    }
    long x = 0;
    for (int i = to - 1; i >= at; i--) {
      x = x << Byte.SIZE | (bytes[i] & 0xFF);
    }
    return x;
  }

  /**
   * The eight bytes of {@code bytes} from {@code at} as a little-endian long, those from {@code to} on garbage
   * (callers mask them): one read, of the eight bytes that end at {@code to} when fewer than 8 are left.
   */
  private static long eightBytes(byte[] bytes, int at, int to) {
    return at + Long.BYTES <= bytes.length ? (long) LONGS.get(bytes, at) : bytesBefore(bytes, at, to);
  }

  /** Splits an ASCII value that holds other whitespace than ' ', or control chars, one byte at a time. */
  private void addAsciiByteByByte(byte[] bytes, int from, int to) {
    int start = -1;
    for (int i = from; i < to; i++) {
      if (!isAsciiWhitespace(bytes[i])) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        addAsciiWord(bytes, start, i, to);
        start = -1;
      }
    }
    if (start >= 0) {
      addAsciiWord(bytes, start, to, to);
    }
  }

  /** {@link Character#isWhitespace(char)} for an ASCII char: space, tab to carriage return, and U+001C to U+001F. */
  static boolean isAsciiWhitespace(byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1C && b <= 0x1F);
  }

  /**
   * Counts the ASCII word {@code bytes[start, end)} of a value that ends at {@code to}: one of up to 8 bytes in
   * the short words' table, one of 9 to 16 in the medium words', a longer one in the table of words.
   */
  private void addAsciiWord(byte[] bytes, int start, int end, int to) {
    int length = end - start;
    if (length <= Long.BYTES) {
      addShort(shortKey(eightBytes(bytes, start, to), length));
      return;
    }
    if (length <= 2 * Long.BYTES) {
      long tail = eightBytes(bytes, start + Long.BYTES, to);
      addMedium((long) LONGS.get(bytes, start), shortKey(tail, length - Long.BYTES));
      return;
    }
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + bytes[i];
    }
    int mask = slots.length - 1;
    int slot = spread(hash) & mask;
    while (true) {
      int entry = slots[slot] - 1;
      if (entry < 0) {
        insert(slot, new String(bytes, start, length, StandardCharsets.ISO_8859_1), hash, 1);
        return;
      }
      if (hashes[entry] == hash && words[entry].length() == length && sameChars(bytes, start, offsets[entry], length)) {
        counts[entry]++;
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The key of a word of {@code length} (1 to 8) ASCII bytes, its first byte lowest in {@code x}: those bytes, and
   * the top bit of the last one set (ASCII leaves it free), which tells the length, so the key is never 0.
   */
  private static long shortKey(long x, int length) {
    int bits = Byte.SIZE * length;
    return x & (-1L >>> (Long.SIZE - bits)) | 1L << (bits - 1);
  }

  private void addShort(long key) {
    long[] table = shortWords;
    int mask = (table.length >>> 1) - 1;
    int slot = shortSlot(key, mask);
    while (true) {
      long found = table[2 * slot];
      if (found == key) {
        table[2 * slot + 1]++;
        return;
      }
      if (found == 0) {
        table[2 * slot] = key;
        table[2 * slot + 1] = 1;
        if (++shortSize > mask >>> 2) {
          growShort();
        }
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void addMedium(long head, long tailKey) {
    long[] table = mediumWords;
    int mask = table.length / 3 - 1;
    int slot = mediumSlot(head, tailKey, mask);
    while (true) {
      int at = 3 * slot;
      long found = table[at + 1];
      if (found == tailKey && table[at] == head) {
        table[at + 2]++;
        return;
      }
      if (found == 0) {
        table[at] = head;
        table[at + 1] = tailKey;
        table[at + 2] = 1;
        if (++mediumSize > mask >>> 2) {
          growMedium();
        }
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  private static int mediumSlot(long head, long tailKey, int mask) {
    return (int) (((head * KEY_MIX + tailKey) * KEY_MIX) >>> 32) & mask;
  }

  /** Doubles the medium words' slots and places every key again. */
  private void growMedium() {
    long[] old = mediumWords;
    long[] table = new long[old.length * 2];
    int mask = table.length / 3 - 1;
    for (int i = 0; i < old.length; i += 3) {
      if (old[i + 1] != 0) {
        int slot = mediumSlot(old[i], old[i + 1], mask);
        while (table[3 * slot + 1] != 0) {
          slot = (slot + 1) & mask;
        }
        System.arraycopy(old, i, table, 3 * slot, 3);
      }
    }
    mediumWords = table;
  }

  private static int shortSlot(long key, int mask) {
    return (int) ((key * KEY_MIX) >>> 32) & mask;
  }

  /** Doubles the short words' slots and places every key again. */
  private void growShort() {
    long[] old = shortWords;
    long[] table = new long[old.length * 2];
    int mask = (table.length >>> 1) - 1;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0) {
        int slot = shortSlot(old[i], mask);
        while (table[2 * slot] != 0) {
          slot = (slot + 1) & mask;
        }
        table[2 * slot] = old[i];
        table[2 * slot + 1] = old[i + 1];
      }
    }
    shortWords = table;
  }

  /** Moves the short and medium words' counts into the table of words, where the same words counted from text are. */
  private void mergeShortWords() {
    if (mediumSize > 0) {
      byte[] bytes = new byte[2 * Long.BYTES];
      long[] table = mediumWords;
      for (int i = 0; i < table.length; i += 3) {
        if (table[i + 1] != 0) {
          long head = table[i];
          for (int k = 0; k < Long.BYTES; k++, head >>>= Byte.SIZE) {
            bytes[k] = (byte) head;
          }
          int length = Long.BYTES + keyBytes(table[i + 1], bytes, Long.BYTES);
          add(new String(bytes, 0, length, StandardCharsets.ISO_8859_1), 0, length, table[i + 2]);
          Arrays.fill(table, i, i + 3, 0);
        }
      }
      mediumSize = 0;
    }
    if (shortSize == 0) {
      return;
    }
    byte[] bytes = new byte[Long.BYTES];
    long[] table = shortWords;
    for (int i = 0; i < table.length; i += 2) {
      long key = table[i];
      if (key != 0) {
        int length = keyBytes(key, bytes, 0);
        add(new String(bytes, 0, length, StandardCharsets.ISO_8859_1), 0, length, table[i + 1]);
        table[i] = 0;
        table[i + 1] = 0;
      }
    }
    shortSize = 0;
  }

  /** Writes the bytes of a {@link #shortKey} into {@code bytes} from {@code at}; returns how many. */
  private static int keyBytes(long key, byte[] bytes, int at) {
    int length = (Long.SIZE - Long.numberOfLeadingZeros(key)) / Byte.SIZE;
    for (int k = 0; k < length; k++, key >>>= Byte.SIZE) {
      bytes[at + k] = (byte) (key & 0x7F);
    }
    return length;
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
    mergeShortWords();
    return size;
  }

  /**
   * One {@code (word, count)} pair per distinct word, in table order.
   *
   * @return the pairs
   */
  public List<Tuple2<String, Long>> pairs() {
    mergeShortWords();
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
