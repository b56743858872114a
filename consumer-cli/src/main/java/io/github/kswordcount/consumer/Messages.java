package io.github.kswordcount.consumer;

/** Turns an exception chain into one line for stderr: the messages from outermost to root cause. */
final class Messages {

  private Messages() {}

  /**
   * Joins the distinct messages of an exception and its causes.
   *
   * @param e the exception
   * @return e.g. {@code Failed to construct kafka consumer: No resolvable bootstrap urls: ...}
   */
  static String of(Throwable e) {
    StringBuilder line = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (line.indexOf(message) < 0) {
        line.append(line.length() == 0 ? "" : ": ").append(message);
      }
    }
    return line.toString();
  }
}
