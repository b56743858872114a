package io.github.kswordcount.producer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Counts records handed to the producer and those the broker refused, and names each refused one on stderr
 * by its line number, so that a script sees data loss (Kafka's tool only logs it and exits 0).
 */
final class DeliveryReport {

  private final PrintStream err;
  private final String topic;
  private final String unit;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();

  DeliveryReport(PrintStream err, String topic, String unit) {
    this.err = err;
    this.topic = topic;
    this.unit = unit;
  }

  /**
   * A callback for one record; it runs on the producer's I/O thread.
   *
   * @param position the record's line number
   * @return the callback to give to {@code send}
   */
  Callback callbackFor(long position) {
    sent.incrementAndGet();
    return (metadata, exception) -> {
      if (exception != null) {
        refused(position, exception);
      }
    };
  }

  /**
   * Reports a record that was not sent.
   *
   * @param position its line number
   * @param exception why
   */
  void refused(long position, Throwable exception) {
    failed.incrementAndGet();
    if (exception instanceof AuthenticationException || exception instanceof AuthorizationException) {
      // Every record would fail alike: one line says it, and the tool stops reading.
      if (fatal.compareAndSet(null, exception)) {
        err.println(String.format(Locale.ROOT, "error: cannot write to topic '%s': %s: %s (check the client's "
            + "credentials and the topic's Write ACL)", topic, exception.getClass().getSimpleName(),
            exception.getMessage()));
      }
      return;
    }
    err.println(String.format(Locale.ROOT, "error: %s %d was not sent to topic '%s': %s: %s%s", unit, position, topic,
        exception.getClass().getSimpleName(), exception.getMessage(), hint(exception)));
  }

  /**
   * What to check when the producer never learnt the topic's partitions: from the message alone, a port where
   * no Kafka answers (a stopped broker, another service) and a topic that does not exist look the same.
   */
  private String hint(Throwable exception) {
    String message = String.valueOf(exception.getMessage());
    return exception instanceof TimeoutException && message.contains("not present in metadata")
        ? " (check that a Kafka broker answers at --bootstrap-server and that topic '" + topic + "' exists)" : "";
  }

  /**
   * How many records were refused so far.
   *
   * @return the count
   */
  long failed() {
    return failed.get();
  }

  /**
   * Whether a refusal that every record would get (a failed login, a missing ACL) has been reported.
   *
   * @return {@code true} once one was
   */
  boolean fatal() {
    return fatal.get() != null;
  }

  /** Prints how many records were lost, when some were (not after a fatal refusal: its line says it all). */
  void printSummary() {
    long lost = failed.get();
    if (lost > 0 && fatal.get() == null) {
      err.println(String.format(Locale.ROOT, "error: %d of %d records were not sent", lost, sent.get()));
    }
  }
}
