package io.github.kswordcount.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  @Test
  void afterStopItReturnsTheBufferedLinesThenEndsWithoutReadingAgainOrSendingACutLine() throws IOException {
    byte[] first = "a\nb\r\nc-cut".getBytes(StandardCharsets.UTF_8);
    java.io.InputStream once = new java.io.InputStream() {
      private boolean served;

      @Override
      public int read() {
        throw new AssertionError("single-byte read");
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (served) {
          throw new AssertionError("read after stop");
        }
        served = true;
        System.arraycopy(first, 0, b, off, first.length);
        return first.length;
      }
    };
    LineSplitter lines = new LineSplitter(once, 64);
    assertThat(new String(lines.next(), StandardCharsets.UTF_8)).isEqualTo("a");
    lines.stop();
    assertThat(new String(lines.next(), StandardCharsets.UTF_8)).isEqualTo("b");
    assertThat(lines.next()).isNull();
    assertThat(lines.waitingForInput()).isFalse();
  }

  @Test
  void endsLinesAtLfCrlfAndLoneCrAndKeepsTheLastLineWithoutTerminator() throws IOException {
    assertThat(lines("a\nb\r\nc\rd", 64)).containsExactly("a", "b", "c", "d");
  }

  @Test
  void emptyLinesAreLinesButAnEmptyInputHasNone() throws IOException {
    assertThat(lines("\n\r\n\r", 64)).containsExactly("", "", "");
    assertThat(lines("", 64)).isEmpty();
    assertThat(lines("only", 64)).containsExactly("only");
    assertThat(lines("x\n", 64)).containsExactly("x");
  }

  @Test
  void crlfSplitAcrossBufferRefillsIsOneTerminator() throws IOException {
    assertThat(lines("abc\r\ndef\r\n\r\nghi", 4)).containsExactly("abc", "def", "", "ghi");
    assertThat(lines("a\r", 2)).containsExactly("a");
  }

  @Test
  void longLinesSpanManyBuffers() throws IOException {
    String longLine = "x".repeat(1000) + "ёжик" + "y".repeat(1000);
    assertThat(lines(longLine + "\n" + longLine, 7)).containsExactly(longLine, longLine);
  }

  @Test
  void keepsUnicodeBytesAsTheyAre() throws IOException {
    assertThat(lines("Привет, мир\n日本語\r\n😀 emoji", 5)).containsExactly("Привет, мир", "日本語", "😀 emoji");
  }

  @Test
  void replacesInvalidUtf8AsBufferedReaderDoes() throws IOException {
    byte[] input = {'a', (byte) 0xE2, (byte) 0x82, '\n', (byte) 0xFF, 'b', '\r', (byte) 0xC3, (byte) 0xED,
        (byte) 0xA0, (byte) 0x80, '\n', (byte) 0xF0, (byte) 0x9F};
    assertThat(hex(split(input, 3))).isEqualTo(hex(viaBufferedReader(input)));
    assertThat(new String(split(input, 3).get(0), StandardCharsets.UTF_8)).isEqualTo("a\uFFFD");
  }

  @Test
  void matchesBufferedReaderOnRandomBytes() throws IOException {
    Random random = new Random(42);
    byte[] alphabet = {'a', 'z', '\n', '\r', ' ', (byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x82, (byte) 0xAC,
        (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0xC0,
        (byte) 0xE0, (byte) 0xF4, (byte) 0x8F, (byte) 0x90, (byte) 0xBF, (byte) 0xF5, (byte) 0xC2, (byte) 0xDF};
    for (int round = 0; round < 20_000; round++) {
      byte[] input = new byte[random.nextInt(60)];
      for (int i = 0; i < input.length; i++) {
        input[i] = alphabet[random.nextInt(alphabet.length)];
      }
      int bufferSize = 1 + random.nextInt(9);
      assertThat(hex(split(input, bufferSize))).as("round %d", round).isEqualTo(hex(viaBufferedReader(input)));
    }
  }

  private static List<String> lines(String text, int bufferSize) throws IOException {
    List<String> lines = new ArrayList<>();
    for (byte[] line : split(text.getBytes(StandardCharsets.UTF_8), bufferSize)) {
      lines.add(new String(line, StandardCharsets.UTF_8));
    }
    return lines;
  }

  @Test
  void acceptsExactlyWhatJavasDecoderPassesThrough() {
    Random random = new Random(7);
    for (int round = 0; round < 200_000; round++) {
      byte[] bytes = new byte[1 + random.nextInt(4)];
      random.nextBytes(bytes);
      String decoded = new String(bytes, StandardCharsets.UTF_8);
      // Malformed input comes back with U+FFFD in its place, so only well-formed input survives the round trip.
      boolean unchanged = Arrays.equals(decoded.getBytes(StandardCharsets.UTF_8), bytes);
      assertThat(LineSplitter.isWellFormed(bytes, 0, bytes.length)).as("%s", HexFormat.of().formatHex(bytes))
          .isEqualTo(unchanged);
    }
  }

  private static List<byte[]> split(byte[] input, int bufferSize) throws IOException {
    LineSplitter splitter = new LineSplitter(new ByteArrayInputStream(input), bufferSize);
    List<byte[]> lines = new ArrayList<>();
    for (byte[] line = splitter.next(); line != null; line = splitter.next()) {
      lines.add(line);
    }
    return lines;
  }

  /** What Kafka's reader sees: readLine over a UTF-8 InputStreamReader, then String.getBytes(UTF_8). */
  private static List<byte[]> viaBufferedReader(byte[] input) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(input),
        StandardCharsets.UTF_8));
    List<byte[]> lines = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lines.add(line.getBytes(StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static List<String> hex(List<byte[]> lines) {
    return lines.stream().map(HexFormat.of()::formatHex).toList();
  }
}
