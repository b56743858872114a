package io.github.kswordcount.core.text;

import java.util.Locale;
import java.util.function.Consumer;

/** Lowercases the tokens of another tokenizer with {@link Locale#ROOT}. */
final class LowercaseTokenizer implements Tokenizer {
  private static final long serialVersionUID = 1L;
  private final Tokenizer delegate;

  LowercaseTokenizer(Tokenizer delegate) {
    this.delegate = delegate;
  }

  @Override
  public void forEachToken(String line, Consumer<String> sink) {
    delegate.forEachToken(line, token -> sink.accept(token.toLowerCase(Locale.ROOT)));
  }

  @Override
  public String toString() {
    return "lowercase(" + delegate + ")";
  }
}
