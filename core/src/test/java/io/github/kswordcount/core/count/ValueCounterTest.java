package io.github.kswordcount.core.count;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.text.RecordDecoding;
import io.github.kswordcount.core.text.Tokenizers;
import io.github.kswordcount.core.text.ValueExtractor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class ValueCounterTest {

  private static Map<String, Long> count(List<byte[]> values, RecordDecoding decoding) {
    Map<String, Long> counts = new HashMap<>();
    new ValueCounter(decoding).call(values.iterator()).forEachRemaining(
        (Tuple2<String, Long> pair) -> assertThat(counts.put(pair._1(), pair._2())).as(pair._1()).isNull());
    return counts;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void asciiValuesCountAsTheWhitespaceTokenizerSplitsTheirText() {
    Corpus corpus = Corpus.generate(2_000, 7);
    List<byte[]> values = corpus.lines().stream().map(ValueCounterTest::utf8).toList();
    assertThat(count(values, RecordDecoding.detached())).isEqualTo(corpus.counts());
  }

  /**
   * A non-ASCII char at every position of a value, in the eight-byte blocks and in the tail the byte path checks
   * byte by byte, and control chars that are not whitespace inside words (at most {@code ' '}, like whitespace):
   * each value counts as its decoded text splits.
   */
  @Test
  void aNonAsciiCharAnywhereAndControlCharsInWordsCountAsTheTextSplits() {
    String line = "to\u0001be or\u0000 not\u001B to-be-or-not-to-be \u0007";
    List<byte[]> values = new ArrayList<>(List.of(utf8(line)));
    for (int at = 0; at <= line.length(); at++) {
      values.add(utf8(line.substring(0, at) + "é" + line.substring(at)));
    }
    Map<String, Long> expected = new HashMap<>();
    for (byte[] value : values) {
      Tokenizers.whitespace().forEachToken(ValueExtractor.utf8().extract(value, null),
          word -> expected.merge(word, 1L, Long::sum));
    }
    assertThat(count(values, RecordDecoding.detached())).isEqualTo(expected)
        .containsEntry("to\u0001be", (long) line.length() - 4).containsEntry("\u0007", (long) line.length());
  }

  /**
   * The byte path reads eight bytes at a time and a value 64 bytes at a time: values of every length from 0 to 200,
   * with words of 1 to 140 bytes that start and end anywhere in a block (across the 64-byte ones too), made of
   * letters, {@code '\0'} and other control chars (so "\0a" and "a" must stay apart), between runs of spaces with
   * now and then a tab or a line break, count as their text splits.
   */
  @Test
  void valuesOfEveryLengthCountAsTheTextSplitsWhereverTheirWordsStartAndEnd() {
    List<byte[]> values = valuesOfEveryLength();
    Map<String, Long> expected = new HashMap<>();
    for (byte[] value : values) {
      Tokenizers.whitespace().forEachToken(ValueExtractor.utf8().extract(value, null),
          word -> expected.merge(word, 1L, Long::sum));
    }
    assertThat(expected.keySet().stream().map(String::length).distinct())
        .containsAll(IntStream.rangeClosed(1, 40).boxed().toList()).anyMatch(length -> length > 128);
    assertThat(expected).containsKeys("a", "\u0000").hasSizeGreaterThan(10_000)
        .matches(words -> words.keySet().stream().anyMatch(word -> word.length() > 1 && word.startsWith("\u0000")));
    assertThat(count(values, RecordDecoding.detached())).isEqualTo(expected);
  }

  /**
   * Values as Kafka's {@code ByteBufferDeserializer} gives them, views of the fetched bytes: each value of every
   * length inside a larger array, between bytes that are letters or not ASCII (a read of eight bytes that
   * crosses the value's ends must not count them), as a slice and as a window of a wrapped array; a buffer
   * with no array; a buffer of no bytes and none at all. They count as the same values in arrays of their own.
   */
  @Test
  void valuesInBuffersCountAsTheSameBytesInArraysOfTheirOwn() {
    List<byte[]> values = new ArrayList<>(valuesOfEveryLength());
    values.add(utf8("café cafe\tnaïve\u00A0x"));
    values.add(new byte[] {'b', 'a', 'd', (byte) 0xC3, ' ', 'c', 'a', 'f', 'e'});
    Random random = new Random(5);
    List<ByteBuffer> buffers = new ArrayList<>();
    for (byte[] value : values) {
      int before = random.nextInt(12);
      int after = random.nextInt(12);
      byte[] fetched = new byte[before + value.length + after];
      for (int i = 0; i < fetched.length; i++) {
        fetched[i] = random.nextBoolean() ? (byte) 0xFF : (byte) ('a' + random.nextInt(3));
      }
      System.arraycopy(value, 0, fetched, before, value.length);
      ByteBuffer window = ByteBuffer.wrap(fetched, before, value.length);
      buffers.add(random.nextBoolean() ? window : window.slice());
    }
    byte[] direct = utf8("off the heap, and off the heap");
    buffers.add(ByteBuffer.allocateDirect(direct.length).put(direct).flip());
    values.add(direct);
    buffers.add(ByteBuffer.allocate(0));
    values.add(new byte[0]);
    buffers.add(null);
    values.add(null);

    RecordDecoding arrays = RecordDecoding.detached();
    RecordDecoding views = RecordDecoding.detached();
    Map<String, Long> counts = new HashMap<>();
    new ValueCounter.OfBuffers(views).call(buffers.iterator()).forEachRemaining(
        (Tuple2<String, Long> pair) -> assertThat(counts.put(pair._1(), pair._2())).as(pair._1()).isNull());
    assertThat(counts).hasSizeGreaterThan(10_000).isEqualTo(count(values, arrays)).containsEntry("off", 2L).containsEntry("heap,", 1L);
    assertThat(buffers.get(0).position()).as("the buffers are left as they were").isZero();
    assertThat(views.skipped()).isEqualTo(arrays.skipped()).isEqualTo(1);
    assertThat(views.replaced()).isEqualTo(arrays.replaced()).isEqualTo(1);
  }

  private static List<byte[]> valuesOfEveryLength() {
    Random random = new Random(24);
    String wordChars = "abcdefghijklmnopqrstuvwxyz\u0000\u0001\u007F~";
    List<byte[]> values = new ArrayList<>();
    for (int length = 0; length <= 200; length++) {
      for (int copy = 0; copy < 20; copy++) {
        StringBuilder value = new StringBuilder();
        while (value.length() < length) {
          int spaces = random.nextInt(3); // 0: two words are one
          for (int i = 0; i < spaces; i++) {
            value.append(random.nextInt(40) == 0 ? (random.nextBoolean() ? '\t' : '\n') : ' ');
          }
          int word = 1 + random.nextInt(random.nextInt(10) == 0 ? 140 : random.nextBoolean() ? 9 : 20);
          for (int i = 0; i < word; i++) {
            value.append(wordChars.charAt(random.nextInt(random.nextInt(5) == 0 ? wordChars.length() : 4)));
          }
        }
        values.add(utf8(value.substring(0, length)));
      }
    }
    return values;
  }

  @Test
  void everyAsciiCharIsWhitespaceExactlyWhenJavaSaysSo() {
    for (int c = 0; c < 128; c++) {
      assertThat(WordTable.isAsciiWhitespace((byte) c)).as("char %d", c).isEqualTo(Character.isWhitespace(c));
    }
  }

  @Test
  void otherValuesAreDecodedAndShareTheAsciiWordsEntries() {
    RecordDecoding decoding = RecordDecoding.detached();
    byte[] invalid = {'b', 'a', 'd', (byte) 0xC3, ' ', 'c', 'a', 'f', 'e'};
    List<byte[]> values = new ArrayList<>(List.of(utf8("café cafe\tnaïve\u00A0x"), utf8("cafe  café\u2028end"),
        invalid, utf8("\u001Fend\u001C cafe\r\n")));
    values.add(null);
    Map<String, Long> expected = new HashMap<>();
    for (byte[] value : values) {
      Tokenizers.whitespace().forEachToken(ValueExtractor.utf8().extract(value, null),
          word -> expected.merge(word, 1L, Long::sum));
    }
    assertThat(count(values, decoding)).isEqualTo(expected)
        .containsEntry("cafe", 4L).containsEntry("café", 2L).containsEntry("end", 2L).containsEntry("bad\uFFFD", 1L)
        .containsEntry("naïve\u00A0x", 1L);
    assertThat(decoding.skipped()).isEqualTo(1);
    assertThat(decoding.replaced()).isEqualTo(1);
  }

  @Test
  void wordsWithTheSameHashStayApartWhetherTheyFitEightBytesOrNot() {
    // "Aa" and "BB" have the same String.hashCode; so have the 10-char words built from them.
    List<byte[]> values = List.of(utf8("Aa BB AaAa AaBB BBAa BBBB BB Aa Aa"),
        utf8("AaAaAaAaAa BBBBBBBBBB AaAaAaAaAa abcdefgh abcdefgh"), utf8("été BBBBBBBBBB"));
    assertThat("AaAaAaAaAa".hashCode()).isEqualTo("BBBBBBBBBB".hashCode());
    assertThat(count(values, RecordDecoding.detached())).isEqualTo(Map.of("Aa", 3L, "BB", 2L, "AaAa", 1L, "AaBB", 1L,
        "BBAa", 1L, "BBBB", 1L, "AaAaAaAaAa", 2L, "BBBBBBBBBB", 2L, "abcdefgh", 2L, "été", 1L));
  }

  @Test
  void onlyTheDefaultsTakeTheBytePath() {
    assertThat(ValueCounter.counts(ValueExtractor.utf8(), Tokenizers.whitespace())).isTrue();
    assertThat(ValueCounter.counts(ValueExtractor.utf8(), Tokenizers.words())).isFalse();
    assertThat(ValueCounter.counts(ValueExtractor.utf8(), Tokenizers.lowercase(Tokenizers.whitespace()))).isFalse();
    assertThat(ValueCounter.counts(ValueExtractor.jsonField("text"), Tokenizers.whitespace())).isFalse();
  }
}
