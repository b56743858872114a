package io.github.kswordcount.core.internal.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumer parameters of every stream core creates: the library's defaults under the user's properties.
 *
 * <p>Defaults: {@code enable.auto.commit=false} (offsets are committed after a batch's output, never on a
 * timer), {@code auto.offset.reset=latest} ({@code earliest} when reading from the beginning),
 * {@code isolation.level=read_committed} (aborted transactions are never counted), byte-array key and value
 * deserializers (decoding is core's, so bad bytes are counted rather than fatal). {@code bootstrap.servers} and
 * {@code group.id} are always the ones given, and {@code enable.auto.commit=true} is refused: a timer commit
 * would commit records whose output never ran. {@code receive.buffer.bytes} becomes an {@code Integer}: Spark's
 * direct stream casts it to one (its KAFKA-3135 workaround), and a value given as text crashed it.
 */
public final class ConsumerParams {

  private ConsumerParams() {}

  /**
   * Merges the defaults and the user's properties.
   *
   * @param bootstrapServers {@code host:port[,host:port...]}
   * @param group the consumer group
   * @param fromBeginning whether a partition without a committed offset starts at the earliest offset
   * @param properties the user's consumer properties; they win over the defaults
   * @return an unmodifiable map, ready for {@code KafkaConsumer} or Spark's {@code ConsumerStrategies}
   * @throws IllegalArgumentException when the properties turn auto commit on, or give a receive buffer that is no
   *     whole number
   */
  public static Map<String, Object> of(String bootstrapServers, String group, boolean fromBeginning,
      Map<String, ?> properties) {
    Map<String, Object> merged = new LinkedHashMap<>();
    merged.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    merged.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
    merged.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    merged.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    merged.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    merged.putAll(properties);
    merged.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    merged.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    Object receiveBuffer = merged.get(ConsumerConfig.RECEIVE_BUFFER_CONFIG);
    if (receiveBuffer != null && !(receiveBuffer instanceof Integer)) {
      merged.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, wholeNumber(ConsumerConfig.RECEIVE_BUFFER_CONFIG, receiveBuffer));
    }
    if (Boolean.parseBoolean(String.valueOf(merged.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).trim())) {
      throw new IllegalArgumentException(
          "enable.auto.commit=true is not allowed: the job commits offsets after each batch");
    }
    return Collections.unmodifiableMap(merged);
  }

  private static Integer wholeNumber(String key, Object value) {
    try {
      return Integer.valueOf(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number of bytes, not '" + value + "'", e);
    }
  }

  /**
   * Core's read sizes, for the consumers that read the records (the direct stream's executors, the receivers),
   * unless the user set them: {@code max.partition.fetch.bytes} 8 MiB (Kafka's 1 MiB), as consumer-cli reads, and a
   * socket receive buffer of 1 MiB (Kafka's 64 KiB, which Spark's direct stream also sets, KAFKA-3135). A consumer
   * reads its socket only when it polls, so through 64 KiB an 8 MiB fetch crossed in 128 hand-offs between the
   * reading thread and the broker's network thread, each waiting for a core. Measured on the benchmark's backlog,
   * alternated: the direct job's warm 1M-line batches took 1.24x as long with Spark's 64 KiB (median of 13 rounds,
   * 0.93x..1.56x; the cold batch no different; the larger fetches, with larger polls, had gained 1.08x-1.16x on
   * the cold batch); one receiver received 770,000-870,000 records/s with Kafka's sizes, 909,000-1,180,000 with
   * these (5 rounds; the buffer alone 909,000-952,000, the fetch alone 833,000-870,000, 3 rounds).
   *
   * @param params consumer parameters, changed in place
   * @param <M> the map's type
   * @return {@code params}
   */
  public static <M extends Map<String, Object>> M withReadSizes(M params) {
    params.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
    // An Integer: Spark's direct stream casts it to one.
    params.putIfAbsent(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
    return params;
  }
}
