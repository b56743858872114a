package io.github.kswordcount.producer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

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
  /** The partitions of records that expired or were refused for want of in-sync replicas. */
  private final Set<Integer> expired = ConcurrentHashMap.newKeySet();
  private final Function<Set<Integer>, Optional<String>> explainExpired;
  private final Function<Throwable, Optional<String>> gone;

  /**
   * A report for one run.
   *
   * @param err where the error lines go
   * @param topic the topic
   * @param unit what a position counts ("line")
   * @param explainExpired says, at the end, why records of these partitions expired, if it can tell
   * @param gone after a failed record, the sentence saying the topic does not exist any more, if it does not
   */
  DeliveryReport(PrintStream err, String topic, String unit, Function<Set<Integer>, Optional<String>> explainExpired,
      Function<Throwable, Optional<String>> gone) {
    this.err = err;
    this.topic = topic;
    this.unit = unit;
    this.explainExpired = explainExpired;
    this.gone = gone;
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
        if (metadata != null && metadata.partition() >= 0 && (exception instanceof TimeoutException
            || exception instanceof NotEnoughReplicasException
            || exception instanceof NotEnoughReplicasAfterAppendException)) {
          expired.add(metadata.partition());
        }
        refused(position, exception);
      }
    };
  }

  /**
   * Reports a record that was not sent. After a failure every later record would meet too (a refused login or
   * ACL, the topic deleted), one line says it, the tool stops reading, and later failures are only counted.
   *
   * @param position its line number
   * @param exception why
   */
  void refused(long position, Throwable exception) {
    failed.incrementAndGet();
    if (refusedForAll(exception)) {
      if (fatal.compareAndSet(null, exception)) {
        err.println(String.format(Locale.ROOT, "error: cannot write to topic '%s': %s: %s (check the client's "
            + "credentials and the topic's Write ACL)", topic, exception.getClass().getSimpleName(),
            exception.getMessage()));
      }
      return;
    }
    if (fatal.get() != null) {
      return;
    }
    Optional<String> deleted = gone.apply(exception);
    if (deleted.isPresent()) {
      if (fatal.compareAndSet(null, exception)) {
        err.println(String.format(Locale.ROOT, "error: %s any more (deleted while %ss were sent?): %s %d and the %ss "
            + "after it were not sent", deleted.get(), unit, unit, position, unit));
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
   * Reports, before anything was sent, that the topic does not exist and that a first record would not create
   * it; the tool then stops. Nothing was accepted, so nothing is lost.
   *
   * @param doesNotExist the sentence naming the topic and the cluster
   */
  void missing(String doesNotExist) {
    if (fatal.compareAndSet(null, new UnknownTopicOrPartitionException(doesNotExist))) {
      err.println("error: " + doesNotExist + ", and the broker does not create topics on first use: nothing was "
          + "sent (create the topic first)");
    }
  }

  /**
   * Whether the topic was found deleted: then what the producer still holds can never be delivered.
   *
   * @return {@code true} once it was
   */
  boolean topicGone() {
    Throwable failure = fatal.get();
    return failure != null && !refusedForAll(failure);
  }

  private static boolean refusedForAll(Throwable exception) {
    return exception instanceof AuthenticationException || exception instanceof AuthorizationException;
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
   * Whether a failure that every record would meet (a failed login, a missing ACL, a missing topic) has been
   * reported.
   *
   * @return {@code true} once one was
   */
  boolean fatal() {
    return fatal.get() != null;
  }

  /**
   * Prints how many records were lost, when some were (not after a refused login or ACL: its line says it all),
   * and why they expired when the cluster tells: call it once the producer is closed.
   */
  void printSummary() {
    long lost = failed.get();
    Throwable failure = fatal.get();
    if (lost > 0 && (failure == null || !refusedForAll(failure))) {
      String why = expired.isEmpty() || failure != null ? "" : explainExpired.apply(Set.copyOf(expired)).map(w -> ": " + w).orElse("");
      err.println(String.format(Locale.ROOT, "error: %d of %d records were not sent%s", lost, sent.get(), why));
    }
  }
}
