package io.github.kswordcount.bench;

/** A failure of the benchmark that ends it with one {@code error:} line: the message says what and why. */
public final class BenchFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure with its cause.
   *
   * @param message the line after {@code error: }
   * @param cause what failed underneath, or {@code null}
   */
  public BenchFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A failure.
   *
   * @param message the line after {@code error: }
   */
  public BenchFailure(String message) {
    super(message);
  }
}
