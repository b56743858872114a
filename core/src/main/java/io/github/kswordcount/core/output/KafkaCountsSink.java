package io.github.kswordcount.core.output;

import io.github.kswordcount.core.kafka.KafkaCallException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
  private static final Map<Map<String, Object>, Producer<byte[], byte[]>> PRODUCERS = new ConcurrentHashMap<>();

  private final HashMap<String, Object> config;
  private final String topic;

  private KafkaCountsSink(HashMap<String, Object> config, String topic) {
    this.config = config;
    this.topic = topic;
  }

  /**
   * Creates a sink for a topic on the cluster of the given consumer parameters.
   *
   * @param consumerParams the job's consumer parameters (connection and security settings are reused)
   * @param topic the output topic
   * @return the sink
   */
  public static KafkaCountsSink atLeastOnce(Map<String, Object> consumerParams, String topic) {
    return new KafkaCountsSink(ProducerSettings.from(consumerParams), topic);
  }

  /**
   * Writes one batch of counts and returns when all are acknowledged.
   *
   * @param counts {@code (word, count)} pairs
   * @throws org.apache.spark.SparkException when a partition could not be written after Spark's retries
   */
  public void write(JavaPairRDD<String, Long> counts) {
    counts.foreachPartition(new WritePartition(config, topic));
  }

  /** Closes this JVM's producers, flushing them; call once when the job stops. */
  public static void closeProducers() {
    PRODUCERS.values().forEach(p -> p.close(Duration.ofSeconds(30)));
    PRODUCERS.clear();
  }

  /** Encodes a count as the sink writes it: decimal digits in UTF-8. */
  static byte[] encode(long count) {
    return Long.toString(count).getBytes(StandardCharsets.UTF_8);
  }

  private static final class WritePartition implements VoidFunction<Iterator<Tuple2<String, Long>>> {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, Object> config;
    private final String topic;

    WritePartition(HashMap<String, Object> config, String topic) {
      this.config = config;
      this.topic = topic;
    }

    @Override
    public void call(Iterator<Tuple2<String, Long>> counts) {
      Producer<byte[], byte[]> producer = PRODUCERS.computeIfAbsent(config, KafkaProducer::new);
      AtomicReference<Exception> failure = new AtomicReference<>();
      while (counts.hasNext() && failure.get() == null) {
        Tuple2<String, Long> count = counts.next();
        producer.send(new ProducerRecord<>(topic, count._1().getBytes(StandardCharsets.UTF_8), encode(count._2())),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
      if (failure.get() != null) {
        throw new KafkaCallException("cannot write counts to topic '" + topic + "': " + failure.get().getMessage(),
            failure.get());
      }
    }
  }
}
