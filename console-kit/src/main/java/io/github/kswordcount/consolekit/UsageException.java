package io.github.kswordcount.consolekit;

/**
 * A user error: a mistake on the command line or in a file it names. The message is printed to stderr
 * exactly as it is (Kafka's tools print theirs verbatim, and scripts match on them), followed by the usage
 * when {@link #showUsage()} says so, and the tool exits 1 without a stack trace.
 *
 * <p>{@code throw UsageException.alone("--offset 'abc' is invalid: use 'earliest', 'latest' or a number")}
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean showUsage;

  private UsageException(String message, boolean showUsage) {
    super(message);
    this.showUsage = showUsage;
  }

  /**
   * An error printed with the usage after it, as Kafka's {@code CommandLineUtils.printUsageAndExit}.
   *
   * @param message the first line(s) on stderr, e.g. {@code The topic is required when partition is specified.}
   * @return the exception
   */
  public static UsageException withUsage(String message) {
    return new UsageException(message, true);
  }

  /**
   * An error printed alone.
   *
   * @param message the line(s) on stderr, naming the value and the rule
   * @return the exception
   */
  public static UsageException alone(String message) {
    return new UsageException(message, false);
  }

  /**
   * Whether the usage follows the message.
   *
   * @return {@code true} to print the usage
   */
  public boolean showUsage() {
    return showUsage;
  }
}
