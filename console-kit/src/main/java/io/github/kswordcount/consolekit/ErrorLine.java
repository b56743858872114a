package io.github.kswordcount.consolekit;

/** Turns an exception chain into one line for stderr: the messages from outermost to root cause. */
public final class ErrorLine {

  /**
   * An exception whose message already says what was tried and why it failed: when one is in the chain, its
   * message is the line, whatever wraps it (a framework's "Job aborted due to stage failure: ..." adds nothing).
   */
  public interface Complete {}

  private ErrorLine() {}

  /**
   * Joins the distinct messages (first lines) of an exception and its causes with {@code ": "}: a message the
   * line already contains is left out, and an exception without a message stands as its simple class name. A
   * {@link Complete} exception in the chain is the line alone.
   *
   * <p>{@code err.println("error: " + ErrorLine.of(e))}
   *
   * @param e the exception
   * @return e.g. {@code Failed to construct kafka producer: Invalid value 2 for configuration acks: ...} or
   *     {@code Failed to construct kafka consumer: No resolvable bootstrap urls: ...}
   */
  public static String of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Complete && t.getMessage() != null) {
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
