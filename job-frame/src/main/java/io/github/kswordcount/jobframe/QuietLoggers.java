package io.github.kswordcount.jobframe;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns loggers off while a step whose outcome the job reports itself runs, then gives them their levels back:
 * the checks before the start (Kafka's client would log a WARN per reconnect to an unreachable broker, and an
 * ERROR for a refused login, above the one {@code error:} line), and the context's start (Spark logs "Error
 * starting the context" with a stack trace before the job prints the cause in one line). Does nothing when the
 * logging backend is not log4j2.
 */
final class QuietLoggers {
  private static final Logger LOG = LoggerFactory.getLogger(QuietLoggers.class);

  /** Kafka's clients, while only the checks' Admin client runs. */
  static final String KAFKA_CLIENTS = "org.apache.kafka";
  /** Spark's streaming context, while it starts. */
  static final String STREAMING_CONTEXT = "org.apache.spark.streaming.StreamingContext";

  private final Map<String, Object> previous = new LinkedHashMap<>();

  private QuietLoggers() {}

  /**
   * Turns the loggers off.
   *
   * @param names logger names (with their children)
   * @return what {@link #restore()} gives back
   */
  static QuietLoggers off(String... names) {
    return at(org.apache.logging.log4j.Level.OFF, names);
  }

  /**
   * Lets only the loggers' errors through.
   *
   * @param names logger names (with their children)
   * @return what {@link #restore()} gives back
   */
  static QuietLoggers errorsOnly(String... names) {
    return at(org.apache.logging.log4j.Level.ERROR, names);
  }

  private static QuietLoggers at(org.apache.logging.log4j.Level quieter, String... names) {
    QuietLoggers quiet = new QuietLoggers();
    try {
      for (String name : names) {
        quiet.previous.put(name, org.apache.logging.log4j.LogManager.getLogger(name).getLevel());
        org.apache.logging.log4j.core.config.Configurator.setLevel(name, quieter);
      }
    } catch (LinkageError | ClassCastException e) {
      LOG.debug("Not log4j2: the loggers stay as they are", e);
    }
    return quiet;
  }

  /** Gives each logger the level it had. */
  void restore() {
    try {
      previous.forEach((name, level) -> org.apache.logging.log4j.core.config.Configurator.setLevel(name,
          (org.apache.logging.log4j.Level) level));
    } catch (LinkageError e) {
      LOG.debug("Not log4j2", e);
    }
    previous.clear();
  }
}
