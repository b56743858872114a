package io.github.kswordcount.consolekit;

/**
 * A user error: a mistake on the command line or in a file it names. The message never carries {@code error: }:
 * the frame that prints it adds that, then the usage when {@link #showUsage()} says so, and the tool exits
 * non-zero without a stack trace. Kafka's own texts, which console tools repeat for parity (scripts match on
 * them), are {@link #kafkaText(String, boolean) marked} and printed verbatim.
 *
 * <p>{@code throw UsageException.alone("--offset 'abc' is invalid: use 'earliest', 'latest' or a number")}
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean showUsage;
  private final boolean verbatim;

  private UsageException(String message, boolean showUsage, boolean verbatim) {
    super(message);
    this.showUsage = showUsage;
    this.verbatim = verbatim;
  }

  /**
   * An error printed with the usage after it, as Kafka's {@code CommandLineUtils.printUsageAndExit}.
   *
   * @param message the first line(s) on stderr, e.g. {@code The topic is required when partition is specified.}
   * @return the exception
   */
  public static UsageException withUsage(String message) {
    return new UsageException(message, true, false);
  }

  /**
   * An error printed alone.
   *
   * @param message the line(s) on stderr, naming the value and the rule
   * @return the exception
   */
  public static UsageException alone(String message) {
    return new UsageException(message, false, false);
  }

  /**
   * Kafka's own text for this mistake, printed exactly as Kafka's tool prints it (no {@code error: }).
   *
   * @param message Kafka's message, e.g. {@code The topic is required when partition is specified.}
   * @param showUsage whether the usage follows, as Kafka's {@code CommandLineUtils.printUsageAndExit}
   * @return the exception
   */
  public static UsageException kafkaText(String message, boolean showUsage) {
    return new UsageException(message, showUsage, true);
  }

  /**
   * Whether the usage follows the message.
   *
   * @return {@code true} to print the usage
   */
  public boolean showUsage() {
    return showUsage;
  }

  /**
   * The line(s) to print: {@code error: } and the message, or Kafka's text as it is.
   *
   * @return what goes to stderr before the usage
   */
  public String line() {
    return verbatim ? getMessage() : "error: " + getMessage();
  }
}
