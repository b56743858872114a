package io.github.kswordcount.core.text;

import java.util.function.Consumer;

/** Tokens are maximal runs of non-whitespace characters. */
final class WhitespaceTokenizer implements Tokenizer {
  private static final long serialVersionUID = 1L;
  static final WhitespaceTokenizer INSTANCE = new WhitespaceTokenizer();

  private WhitespaceTokenizer() {}

  @Override
  public void forEachToken(String line, Consumer<String> sink) {
    forEachTokenRange(line, (text, start, end) ->
        sink.accept(start == 0 && end == text.length() ? text : text.substring(start, end)));
  }

  @Override
  public void forEachTokenRange(String line, TokenSink sink) {
    if (line == null) {
      return;
    }
    int length = line.length();
    int start = -1;
    for (int i = 0; i < length; i++) {
      // Every Java whitespace character is in the BMP, so a char test is exact; surrogates are never whitespace.
      if (isWhitespace(line.charAt(i))) {
        if (start >= 0) {
          sink.token(line, start, i);
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
    }
    if (start >= 0) {
      sink.token(line, start, length);
    }
  }

  /** {@link Character#isWhitespace(char)}, with printable ASCII answered without a table lookup. */
  private static boolean isWhitespace(char c) {
    return c <= ' ' ? Character.isWhitespace(c) : c >= 0x7f && Character.isWhitespace(c);
  }

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "whitespace";
  }
}
