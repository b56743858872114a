package io.github.kswordcount.core.internal.output;

import io.github.kswordcount.clientkit.PartitionHealth;
import io.github.kswordcount.core.internal.kafka.ClientConfigs;
import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.VoidFunction;
import scala.Tuple2;

/**
 * Writes word counts to a Kafka topic from the executors, at least once: key = the word (UTF-8), value =
 * the count as decimal text. A partition's task returns only after every record is acknowledged
 * ({@code acks=all}), and fails (so Spark retries it, and the batch's offsets are not committed) when any
 * record was refused. One idempotent producer per executor JVM is reused across batches.
 */
public final class KafkaCountsSink implements Serializable {
  private static final long serialVersionUID = 1L;

  private final HashMap<String, Object> config;
  private final String topic;
  /** How long one partition of counts may wait for its acknowledgements. */
  private final Duration ackTimeout;

  private KafkaCountsSink(HashMap<String, Object> config, String topic, Duration ackTimeout) {
    this.config = config;
    this.topic = topic;
    this.ackTimeout = ackTimeout;
  }

  /**
   * Creates a sink for a topic on the cluster of the given consumer parameters.
   *
   * @param consumerParams the job's consumer parameters (connection and security settings are reused)
   * @param topic the output topic
   * @param ackTimeout how long one partition of counts may wait for its acknowledgements
   * @return the sink
   */
  public static KafkaCountsSink atLeastOnce(Map<String, Object> consumerParams, String topic, Duration ackTimeout) {
    return new KafkaCountsSink(ClientConfigs.producer(consumerParams), topic, ackTimeout);
  }

  /**
   * The failure of a write to the output topic, with what to check when Kafka refused it.
   *
   * @param topic the output topic
   * @param why what went wrong
   * @param cause the client's exception, or {@code null}
   * @return {@code cannot write counts to topic 'T': <why> (check this user's Write and Describe ACLs on topic 'T')}
   *     for a refusal, without the parenthesis otherwise
   */
  public static KafkaCallException cannotWrite(String topic, String why, Throwable cause) {
    String check = cause instanceof AuthorizationException
        ? " (check this user's Write and Describe ACLs on topic '" + topic + "')" : "";
    return new KafkaCallException("cannot write counts to topic '" + topic + "': " + why + check, cause);
  }

  /**
   * Writes one batch of counts and returns when all are acknowledged.
   *
   * @param counts {@code (word, count)} pairs
   * @throws org.apache.spark.SparkException when a partition could not be written after Spark's retries
   */
  public void write(JavaPairRDD<String, Long> counts) {
    counts.foreachPartition(new WritePartition(config, topic, ackTimeout));
  }

  /** Encodes a count as the sink writes it: decimal digits in UTF-8. */
  static byte[] encode(long count) {
    return Long.toString(count).getBytes(StandardCharsets.UTF_8);
  }

  private static final class WritePartition implements VoidFunction<Iterator<Tuple2<String, Long>>> {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, Object> config;
    private final String topic;
    private final Duration ackTimeout;

    WritePartition(HashMap<String, Object> config, String topic, Duration ackTimeout) {
      this.config = config;
      this.topic = topic;
      this.ackTimeout = ackTimeout;
    }

    @Override
    public void call(Iterator<Tuple2<String, Long>> counts) {
      Producer<byte[], byte[]> producer = SharedClients.producer(config, p -> { });
      Acknowledgements acks = new Acknowledgements();
      int sent = 0;
      while (counts.hasNext()) {
        Tuple2<String, Long> count = counts.next();
        producer.send(new ProducerRecord<>(topic, count._1().getBytes(StandardCharsets.UTF_8),
            encode(count._2())), acks);
        sent++;
      }
      // Each send's own result, not flush(): a batch the broker refuses as too large is split and re-sent, and
      // flush() can return before the re-sent parts are done (while the producer splits without end, KAFKA-8350).
      // A callback, not the send's Future: each split chains the record's future to a new one, and get() walks
      // that chain recursively, so thousands of splits overflow the task thread's stack and Spark ends the JVM
      // (exit 50). The callback moves to the re-sent batch and is called once.
      try {
        if (!acks.await(sent, ackTimeout)) {
          // The producer retries a retriable refusal without a word until then; ask the cluster why.
          String why = PartitionHealth.explainWrites(config, topic, partition -> true)
              .orElse("MESSAGE_TOO_LARGE? the topic's max.message.bytes may be smaller than a batch of counts");
          throw failed((sent - acks.acknowledged()) + " of " + sent + " records not acknowledged within "
              + (ackTimeout.toMillis() % 1000 == 0 ? ackTimeout.toSeconds() + " s" : ackTimeout.toMillis() + " ms")
              + ": " + why, null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failed("interrupted", e);
      }
      Exception refused = acks.firstFailure();
      if (refused != null) {
        throw failed(refused.getMessage(), refused);
      }
    }

    private KafkaCallException failed(String why, Throwable cause) {
      SharedClients.discard(config); // may be stuck re-sending: never reuse it
      return cannotWrite(topic, why, cause);
    }
  }

  /** The producer's answers to one partition's sends: how many came, and the first refusal. */
  private static final class Acknowledgements implements Callback {
    private final Semaphore answered = new Semaphore(0);
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception != null) {
        firstFailure.compareAndSet(null, exception);
      }
      answered.release();
    }

    /** Waits until {@code sent} answers came, each an acknowledgement or a refusal: false when the time is up. */
    boolean await(int sent, Duration timeout) throws InterruptedException {
      return answered.tryAcquire(sent, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    int acknowledged() {
      return answered.availablePermits();
    }

    Exception firstFailure() {
      return firstFailure.get();
    }
  }
}
