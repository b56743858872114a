package io.github.kswordcount.consumer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What consumer-cli does, decided once from the command line by {@link ConsumerOptions#toSettings}.
 *
 * @param consumerConfig the merged {@code KafkaConsumer} configuration (group, offsets reset, isolation)
 * @param topic {@code --topic}, or empty with {@code --include}
 * @param include the {@code --include} (or {@code --whitelist}) regular expression, or empty
 * @param partition {@code --partition}: read it alone, without a group
 * @param offset where to start in that partition: {@link #EARLIEST}, {@link #LATEST} or an offset
 * @param maxMessages stop after this many records; -1 for no limit
 * @param timeoutMs stop after this long without a record; {@code Long.MAX_VALUE} for never
 * @param skipMessageOnError skip a record the formatter fails on instead of stopping
 * @param systestEvents print {@code shutdown_complete} on stdout at exit
 * @param formatterClass the formatter's class
 * @param formatterConfig the formatter's properties
 * @param exitAtEnd {@code --exit-at-end}: stop each partition at the end offset it had when it was assigned
 * @param fromTime {@code --from-time} in ms since the epoch: start each partition at its first record at or after it
 * @param toTime {@code --to-time} in ms since the epoch: stop each partition at its first record after it
 */
public record ConsumerSettings(Map<String, Object> consumerConfig, Optional<String> topic, Optional<String> include,
    OptionalInt partition, long offset, int maxMessages, long timeoutMs, boolean skipMessageOnError,
    boolean systestEvents, Class<?> formatterClass, Map<String, String> formatterConfig, boolean exitAtEnd,
    OptionalLong fromTime, OptionalLong toTime) {

  /** {@code --offset earliest} (Kafka's {@code ListOffsetsRequest.EARLIEST_TIMESTAMP}). */
  public static final long EARLIEST = -2L;
  /** {@code --offset latest}, the default with {@code --partition}. */
  public static final long LATEST = -1L;

  /** Copies the maps so the settings cannot change afterwards. */
  public ConsumerSettings {
    consumerConfig = Collections.unmodifiableMap(new LinkedHashMap<>(consumerConfig));
    formatterConfig = Collections.unmodifiableMap(new LinkedHashMap<>(formatterConfig));
  }

  /**
   * Whether the group's offsets are committed (the consumer's {@code enable.auto.commit}, on unless the group
   * was generated, as in Kafka's tool).
   *
   * @return {@code true} to commit what was printed
   */
  public boolean commits() {
    return Boolean.parseBoolean(String.valueOf(consumerConfig.getOrDefault("enable.auto.commit", "true")).trim());
  }

  /**
   * Whether partitions stop on their own ({@code --exit-at-end} or {@code --to-time}), so the tool ends once every
   * partition has stopped.
   *
   * @return {@code true} when some partition can stop
   */
  public boolean stopsPartitions() {
    return exitAtEnd || toTime.isPresent();
  }
}
