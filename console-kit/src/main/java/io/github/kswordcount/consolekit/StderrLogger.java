package io.github.kswordcount.consolekit;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger of {@link StderrLogging}: {@code [2026-12-02 16:58:01,123] WARN message (logger)} on stderr. */
final class StderrLogger extends LegacyAbstractLogger {

  private static final long serialVersionUID = 1L;
  /** log4j's {@code %d}, as Kafka's tools print it. */
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT);

  private final int threshold;

  StderrLogger(String name, int threshold) {
    this.name = name;
    this.threshold = threshold;
  }

  @Override
  public boolean isTraceEnabled() {
    return threshold <= Level.TRACE.toInt();
  }

  @Override
  public boolean isDebugEnabled() {
    return threshold <= Level.DEBUG.toInt();
  }

  @Override
  public boolean isInfoEnabled() {
    return threshold <= Level.INFO.toInt();
  }

  @Override
  public boolean isWarnEnabled() {
    return threshold <= Level.WARN.toInt();
  }

  @Override
  public boolean isErrorEnabled() {
    return threshold <= Level.ERROR.toInt();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
      Throwable throwable) {
    String line = line(LocalDateTime.now(), level, MessageFormatter.basicArrayFormat(messagePattern, arguments),
        name, throwable);
    PrintStream err = System.err;
    // One write per event, so lines of different threads do not interleave.
    err.print(line);
    err.flush();
  }

  /**
   * One event as it is printed: {@code [date] LEVEL message (logger)}, a newline, then the stack trace if any.
   *
   * @param time when
   * @param level its level
   * @param message the formatted message
   * @param logger the logger's name
   * @param throwable the exception, or {@code null}
   * @return the text, ending with a newline
   */
  static String line(LocalDateTime time, Level level, String message, String logger, Throwable throwable) {
    StringBuilder line = new StringBuilder(128).append('[').append(DATE.format(time)).append("] ").append(level)
        .append(' ').append(message).append(" (").append(logger).append(')').append(System.lineSeparator());
    if (throwable != null) {
      StringWriter trace = new StringWriter();
      throwable.printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }
}
