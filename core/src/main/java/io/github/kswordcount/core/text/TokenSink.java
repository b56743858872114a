package io.github.kswordcount.core.text;

/**
 * Receives tokens as ranges of a line, so a counter can look a word up without making a {@code String} of it
 * ({@link Tokenizer#forEachTokenRange}).
 */
@FunctionalInterface
public interface TokenSink {

  /**
   * One token: {@code text.substring(start, end)}, never empty.
   *
   * @param text the line, or a string holding only the token
   * @param start the token's first char in {@code text}
   * @param end the index after the token's last char
   */
  void token(String text, int start, int end);
}
