package io.github.kswordcount.producer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines exactly as {@code BufferedReader.readLine()} over a UTF-8
 * {@code InputStreamReader} does (what Kafka's reader uses), without decoding valid text: a line ends at LF,
 * CRLF or a lone CR, the last line needs no terminator, and bytes that are not UTF-8 become U+FFFD.
 *
 * <p>Splitting on the raw bytes 0x0A and 0x0D is exact because UTF-8's decoder never folds an ASCII byte
 * into a malformed sequence. A well-formed line is returned as it is; one that is not is decoded together
 * with the byte that ended it, which replays the decoder's view of the stream, and re-encoded.
 */
final class LineSplitter {

  private final InputStream in;
  private final byte[] buf;
  private int pos;
  private int limit;
  private boolean skipLf;
  private byte[] partial = new byte[128];
  private int partialLength;
  private volatile boolean stopped;
  private volatile boolean reading;

  LineSplitter(InputStream in, int bufferSize) {
    this.in = in;
    this.buf = new byte[bufferSize];
  }

  /**
   * Reads the next line.
   *
   * @return the UTF-8 bytes of the line without its terminator, or {@code null} at end of input
   * @throws IOException when reading fails
   */
  byte[] next() throws IOException {
    partialLength = 0;
    boolean readAny = false;
    while (true) {
      if (pos == limit && stopped) {
        return null; // what is left in partial is a line cut short: its end is still in the pipe
      }
      if (pos == limit && !fill()) {
        return readAny ? sanitize(partial, 0, partialLength, -1) : null;
      }
      if (skipLf) {
        skipLf = false;
        if (buf[pos] == '\n') {
          pos++;
          continue;
        }
      }
      int end = findTerminator(pos, limit);
      if (end < limit) {
        byte terminator = buf[end];
        skipLf = terminator == '\r';
        byte[] line = partialLength == 0 ? sanitize(buf, pos, end - pos, terminator) : joined(end, terminator);
        pos = end + 1;
        return line;
      }
      append(pos, limit);
      pos = limit;
      readAny = true;
    }
  }

  /** Reads no more input: {@link #next()} returns the complete lines already buffered, then {@code null}. */
  void stop() {
    stopped = true;
  }

  /**
   * Whether the reading thread is blocked on the input, which it only is once its buffer is used up.
   *
   * @return {@code true} while in {@code read}
   */
  boolean waitingForInput() {
    return reading;
  }

  private boolean fill() throws IOException {
    int n;
    reading = true;
    try {
      do {
        n = in.read(buf, 0, buf.length);
      } while (n == 0);
    } finally {
      reading = false;
    }
    pos = 0;
    limit = Math.max(n, 0);
    return n > 0;
  }

  private int findTerminator(int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = buf[i];
      if (b == '\n' || b == '\r') {
        return i;
      }
    }
    return to;
  }

  private byte[] joined(int end, byte terminator) {
    append(pos, end);
    return sanitize(partial, 0, partialLength, terminator);
  }

  private void append(int from, int to) {
    int n = to - from;
    if (partialLength + n > partial.length) {
      partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + n));
    }
    System.arraycopy(buf, from, partial, partialLength, n);
    partialLength += n;
  }

  /**
   * The UTF-8 bytes that decoding then re-encoding the line gives.
   *
   * @param terminator the byte that ended the line, or -1 at end of input
   */
  static byte[] sanitize(byte[] bytes, int offset, int length, int terminator) {
    if (!isWellFormed(bytes, offset, offset + length)) {
      return reencode(bytes, offset, length, terminator);
    }
    return Arrays.copyOfRange(bytes, offset, offset + length);
  }

  /**
   * Whether the bytes are well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates, nothing
   * past U+10FFFF), which is exactly what Java's decoder passes through unchanged.
   */
  static boolean isWellFormed(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
      if (length == 0 || i + length > to || !secondByteFits(b, bytes[i + 1] & 0xFF)) {
        return false;
      }
      for (int k = 2; k < length; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += length;
    }
    return true;
  }

  private static boolean secondByteFits(int lead, int second) {
    switch (lead) {
      case 0xE0:
        return second >= 0xA0 && second <= 0xBF;
      case 0xED:
        return second >= 0x80 && second <= 0x9F;
      case 0xF0:
        return second >= 0x90 && second <= 0xBF;
      case 0xF4:
        return second >= 0x80 && second <= 0x8F;
      default:
        return second >= 0x80 && second <= 0xBF;
    }
  }

  private static byte[] reencode(byte[] bytes, int offset, int length, int terminator) {
    boolean withTerminator = terminator >= 0;
    ByteBuffer input = ByteBuffer.allocate(length + (withTerminator ? 1 : 0));
    input.put(bytes, offset, length);
    if (withTerminator) {
      input.put((byte) terminator);
    }
    input.flip();
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      String text = decoder.decode(input).toString();
      return (withTerminator ? text.substring(0, text.length() - 1) : text).getBytes(StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder cannot fail", e);
    }
  }
}
