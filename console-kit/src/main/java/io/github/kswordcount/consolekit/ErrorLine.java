package io.github.kswordcount.consolekit;

/** Turns an exception chain into one line for stderr: the messages from outermost to root cause. */
public final class ErrorLine {

  private ErrorLine() {}

  /**
   * Joins the distinct messages (first lines) of an exception and its causes with {@code ": "}: a message the
   * line already contains is left out, and an exception without a message stands as its simple class name.
   *
   * <p>{@code err.println("error: " + ErrorLine.of(e))}
   *
   * @param e the exception
   * @return e.g. {@code Failed to construct kafka producer: Invalid value 2 for configuration acks: ...} or
   *     {@code Failed to construct kafka consumer: No resolvable bootstrap urls: ...}
   */
  public static String of(Throwable e) {
    return of(e, null);
  }

  /**
   * As {@link #of(Throwable)}, but an exception of type {@code complete} in the chain is the line alone: its
   * message already says what was tried and why it failed, whatever wraps it (a framework's "Job aborted due to
   * stage failure: ..." adds nothing).
   *
   * @param e the exception
   * @param complete the type whose message is a whole line, or {@code null}
   * @return the line
   */
  public static String of(Throwable e, Class<? extends Throwable> complete) {
    for (Throwable t = e; complete != null && t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (complete.isInstance(t) && t.getMessage() != null) {
        return firstLine(t.getMessage());
      }
    }
    StringBuilder line = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : firstLine(t.getMessage());
      if (line.indexOf(message) < 0) {
        line.append(line.length() == 0 ? "" : ": ").append(message);
      }
    }
    return line.toString();
  }

  private static String firstLine(String message) {
    return message.lines().findFirst().orElse("");
  }
}
