package io.github.kswordcount.core.text;

import java.util.Locale;
import java.util.function.Consumer;

/** Tokens are maximal runs of letters, digits and combining marks, with inner apostrophes; lowercased. */
final class WordsTokenizer implements Tokenizer {
  private static final long serialVersionUID = 1L;
  static final WordsTokenizer INSTANCE = new WordsTokenizer();

  private WordsTokenizer() {}

  @Override
  public void forEachToken(String line, Consumer<String> sink) {
    if (line == null) {
      return;
    }
    int length = line.length();
    int start = -1;
    int i = 0;
    while (i < length) {
      int cp = line.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (isWordPart(cp)) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0 && !isInnerApostrophe(line, cp, i, next)) {
        sink.accept(line.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
      i = next;
    }
    if (start >= 0) {
      sink.accept(line.substring(start).toLowerCase(Locale.ROOT));
    }
  }

  /** An apostrophe whose neighbours are both letters: "don't", "l’eau". */
  private static boolean isInnerApostrophe(String line, int cp, int at, int next) {
    return (cp == '\'' || cp == '\u2019')
        && next < line.length()
        && Character.isLetter(line.codePointBefore(at))
        && Character.isLetter(line.codePointAt(next));
  }

  private static boolean isWordPart(int cp) {
    if (cp < 0x80) {
      // ASCII fast path: most text is mostly ASCII.
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "words";
  }
}
