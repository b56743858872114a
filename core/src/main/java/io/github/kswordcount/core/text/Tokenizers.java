package io.github.kswordcount.core.text;

import java.util.List;
import java.util.Locale;

/** Factories for the tokenizers, and lookup by the names the command-line tools accept. */
public final class Tokenizers {

  /** The names {@link #byName(String, boolean)} accepts. */
  public static final List<String> NAMES = List.of("whitespace", "words");

  private Tokenizers() {}

  /**
   * Splits at whitespace: tokens are the maximal runs of characters for which
   * {@link Character#isWhitespace(char)} is false, case kept. Unlike the lab's {@code split(" ")} it never
   * yields an empty token, and tabs, CR and LF separate words too. No-break spaces (U+00A0, U+2007, U+202F)
   * are not whitespace to Java, so they stay inside a token.
   *
   * @return the shared whitespace tokenizer
   */
  public static Tokenizer whitespace() {
    return WhitespaceTokenizer.INSTANCE;
  }

  /**
   * Splits into words: maximal runs of letters, digits and combining marks, lowercased with
   * {@link Locale#ROOT}; an apostrophe (U+0027 or U+2019) between two letters stays inside the word
   * ({@code "Don't"} is {@code "don't"}), any other character separates words.
   *
   * @return the shared words tokenizer
   */
  public static Tokenizer words() {
    return WordsTokenizer.INSTANCE;
  }

  /**
   * Wraps a tokenizer so that every token is lowercased with {@link Locale#ROOT}.
   *
   * @param tokenizer the tokenizer to wrap
   * @return a tokenizer yielding the same tokens, lowercased
   */
  public static Tokenizer lowercase(Tokenizer tokenizer) {
    if (tokenizer instanceof LowercaseTokenizer || tokenizer instanceof WordsTokenizer) {
      return tokenizer;
    }
    return new LowercaseTokenizer(tokenizer);
  }

  /**
   * Returns the tokenizer with the given name, as the tools' {@code --tokenizer} option accepts it.
   *
   * @param name {@code whitespace} or {@code words}
   * @param lowercase whether tokens are lowercased (the {@code words} tokenizer always lowercases)
   * @return the tokenizer
   * @throws IllegalArgumentException for an unknown name, with a message listing the known ones
   */
  public static Tokenizer byName(String name, boolean lowercase) {
    Tokenizer tokenizer;
    switch (name) {
      case "whitespace":
        tokenizer = whitespace();
        break;
      case "words":
        tokenizer = words();
        break;
      default:
        throw new IllegalArgumentException(
            "unknown tokenizer '" + name + "': use one of " + String.join(", ", NAMES));
    }
    return lowercase ? lowercase(tokenizer) : tokenizer;
  }
}
