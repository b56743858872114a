package io.github.kswordcount.core.text;

import java.util.function.Consumer;

/** Tokens are maximal runs of non-whitespace characters. */
final class WhitespaceTokenizer implements Tokenizer {
  private static final long serialVersionUID = 1L;
  static final WhitespaceTokenizer INSTANCE = new WhitespaceTokenizer();

  private WhitespaceTokenizer() {}

  @Override
  public void forEachToken(String line, Consumer<String> sink) {
    if (line == null) {
      return;
    }
    int length = line.length();
    int start = -1;
    for (int i = 0; i < length; i++) {
      // Every Java whitespace character is in the BMP, so a char test is exact; surrogates are never whitespace.
      if (Character.isWhitespace(line.charAt(i))) {
        if (start >= 0) {
          sink.accept(line.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
    }
    if (start >= 0) {
      sink.accept(start == 0 ? line : line.substring(start));
    }
  }

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "whitespace";
  }
}
