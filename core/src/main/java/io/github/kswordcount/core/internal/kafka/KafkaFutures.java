package io.github.kswordcount.core.internal.kafka;

import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.clientkit.PartitionHealth;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** Waits for Kafka client results with a deadline, turning every failure into one {@link KafkaCallException}. */
public final class KafkaFutures {
  /** Where a group's offsets are written. */
  public static final String OFFSETS_TOPIC = "__consumer_offsets";
  /** Kafka's transaction log, where the coordinator writes each transaction's state. */
  public static final String TRANSACTION_LOG = "__transaction_state";

  private KafkaFutures() {}

  /**
   * Waits for a result.
   *
   * @param future the result of an Admin call
   * @param timeout how long to wait
   * @param what what was tried, for the message ({@code "list topics"})
   * @param <T> the result type
   * @return the result
   * @throws KafkaCallException {@code cannot <what>: <cause>}, or {@code cannot <what>: no answer from Kafka
   *     within <ms> ms}; its cause is the client's exception
   */
  public static <T> T await(KafkaFuture<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaCallException("interrupted while trying to " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new KafkaCallException("cannot " + what + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new KafkaCallException("cannot " + what + ": no answer from Kafka within " + timeout.toMillis() + " ms", e);
    }
  }

  /**
   * Waits for a write that Kafka may retry without a word until the deadline, such as an offset commit, whose
   * coordinator answers {@code NOT_ENOUGH_REPLICAS} as a retriable error: when the time is up, one look at the
   * cluster says why.
   *
   * @param future the result of an Admin call
   * @param timeout how long to wait
   * @param what what was tried, for the message ({@code "commit offsets of group 'g'"})
   * @param clientParams the client's settings, for the look at the cluster
   * @param topic the topic the write goes to ({@link #OFFSETS_TOPIC} for offsets)
   * @param <T> the result type
   * @return the result
   * @throws KafkaCallException as {@link #await}, or {@code cannot <what> within <ms> ms: NOT_ENOUGH_REPLICAS: ...}
   */
  public static <T> T awaitWrite(KafkaFuture<T> future, Duration timeout, String what,
      Map<String, Object> clientParams, String topic) {
    try {
      return await(future, timeout, what);
    } catch (KafkaCallException e) {
      if (!(e.getCause() instanceof TimeoutException)) {
        throw e;
      }
      String why = PartitionHealth.explainWrites(clientParams, topic, partition -> true).orElse(null);
      if (why == null) {
        throw e;
      }
      throw new KafkaCallException("cannot " + what + " within " + timeout.toMillis() + " ms: " + why, e.getCause());
    }
  }
}
