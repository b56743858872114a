package io.github.kswordcount.core.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes the value as UTF-8, counting values that needed replacement characters. */
final class Utf8Value implements ValueExtractor {
  private static final long serialVersionUID = 1L;
  static final Utf8Value INSTANCE = new Utf8Value();

  private Utf8Value() {}

  @Override
  public String extract(byte[] value, RecordDecoding decoding) {
    if (value == null) {
      RecordDecoding.countSkipped(decoding);
      return null;
    }
    String text = new String(value, StandardCharsets.UTF_8);
    // Only text holding U+FFFD can come from invalid bytes; check strictly just then (a rare path).
    if (text.indexOf('\uFFFD') >= 0 && !isValidUtf8(value)) {
      RecordDecoding.countReplaced(decoding);
    }
    return text;
  }

  static boolean isValidUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "utf8";
  }
}
