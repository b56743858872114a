package io.github.kswordcount.core.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits a line of text into words; implementations are stateless, thread-safe and serializable, so one
 * instance can travel inside Spark closures.
 *
 * <p>The hot path is {@link #forEachToken(String, Consumer)}: it scans the line once and hands each token
 * to the sink, with no regular expression and no per-character allocation.
 */
public interface Tokenizer extends Serializable {

  /**
   * Passes every token of {@code line} to {@code sink}, in order. Never passes an empty token.
   *
   * @param line the text to split; {@code null} yields nothing
   * @param sink receives each token
   */
  void forEachToken(String line, Consumer<String> sink);

  /**
   * Passes every token of {@code line} to {@code sink} as a range, in order: the counting hot path, which
   * looks words up without a {@code String} per token. The default makes each token a string and passes its
   * whole range; a tokenizer whose tokens are substrings of the line passes ranges of the line itself.
   *
   * @param line the text to split; {@code null} yields nothing
   * @param sink receives each token's range
   */
  default void forEachTokenRange(String line, TokenSink sink) {
    forEachToken(line, token -> sink.token(token, 0, token.length()));
  }

  /**
   * Returns the tokens of {@code line} as a new list; a convenience for tests and small inputs.
   *
   * <pre>{@code Tokenizers.whitespace().tokenize("Hi  how are you?")  // [Hi, how, are, you?]}</pre>
   *
   * @param line the text to split; {@code null} yields an empty list
   * @return the tokens, in order
   */
  default List<String> tokenize(String line) {
    List<String> tokens = new ArrayList<>();
    forEachToken(line, tokens::add);
    return tokens;
  }
}
