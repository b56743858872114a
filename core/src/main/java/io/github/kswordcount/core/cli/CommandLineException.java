package io.github.kswordcount.core.cli;

/**
 * A mistake on the command line. Its message is printed to stderr exactly as it is (Kafka's tools print
 * theirs verbatim), followed by the usage when {@link #showUsage()} says so; the tool then exits 1.
 */
public final class CommandLineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean showUsage;

  private CommandLineException(String message, boolean showUsage) {
    super(message);
    this.showUsage = showUsage;
  }

  /**
   * An error printed with the usage after it, as Kafka's {@code printUsageAndExit}.
   *
   * @param message the first line(s) on stderr
   * @return the exception
   */
  public static CommandLineException withUsage(String message) {
    return new CommandLineException(message, true);
  }

  /**
   * An error printed alone.
   *
   * @param message the line(s) on stderr
   * @return the exception
   */
  public static CommandLineException alone(String message) {
    return new CommandLineException(message, false);
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
