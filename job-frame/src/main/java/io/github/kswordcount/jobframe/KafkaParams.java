package io.github.kswordcount.jobframe;

import io.github.kswordcount.consolekit.KeyValueArgs;
import io.github.kswordcount.consolekit.PropertiesFile;
import io.github.kswordcount.core.internal.kafka.ConsumerParams;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The jobs' consumer parameters from the command line: core's defaults ({@link ConsumerParams}), then a
 * properties file, then {@code key=value} overrides, in that order of precedence.
 *
 * <pre>{@code
 * Map<String, Object> params = KafkaParams.builder("localhost:9092", "wordcount")
 *     .fromBeginning(true)
 *     .override("max.poll.records=2000")
 *     .build();
 * }</pre>
 */
public final class KafkaParams {

  private KafkaParams() {}

  /**
   * Starts a builder.
   *
   * @param bootstrapServers {@code host:port[,host:port...]}
   * @param groupId the consumer group
   * @return a builder holding the defaults
   */
  public static Builder builder(String bootstrapServers, String groupId) {
    return new Builder(bootstrapServers, groupId);
  }

  /** Accumulates defaults and overrides; {@link #build()} returns the merged, immutable map. */
  public static final class Builder {
    private final Map<String, Object> fromFile = new LinkedHashMap<>();
    private final Map<String, Object> overrides = new LinkedHashMap<>();
    private final String bootstrapServers;
    private final String groupId;
    private boolean fromBeginning;

    private Builder(String bootstrapServers, String groupId) {
      this.bootstrapServers = bootstrapServers;
      this.groupId = groupId;
    }

    /**
     * Where the group has no committed offset, start at the earliest offset ({@code true}) or the latest.
     *
     * @param fromBeginning whether to start at the earliest offset
     * @return this builder
     */
    public Builder fromBeginning(boolean fromBeginning) {
      this.fromBeginning = fromBeginning;
      return this;
    }

    /**
     * Adds the entries of a properties file ({@code --consumer.config}); overrides beat them.
     *
     * @param file the file
     * @return this builder
     * @throws io.github.kswordcount.consolekit.UsageException when the file is missing or unreadable, naming it
     */
    public Builder propertiesFile(Path file) {
      fromFile.putAll(PropertiesFile.read(file.toString()));
      return this;
    }

    /**
     * Adds one {@code key=value} override ({@code --consumer-property}); the last one for a key wins.
     *
     * @param pair the text given by the user
     * @return this builder
     */
    public Builder override(String pair) {
      Map.Entry<String, String> entry = KeyValueArgs.parsePair(pair);
      overrides.put(entry.getKey(), entry.getValue());
      return this;
    }

    /**
     * Adds one override given as key and value.
     *
     * @param key a consumer config name
     * @param value its value
     * @return this builder
     */
    public Builder override(String key, Object value) {
      overrides.put(key, value);
      return this;
    }

    /**
     * Merges file and overrides over core's defaults ({@link ConsumerParams}). {@code bootstrap.servers} is
     * always the one given to {@link KafkaParams#builder}, as with Kafka's tools.
     *
     * @return an unmodifiable map, ready for {@code KafkaConsumer} or Spark's {@code ConsumerStrategies}
     * @throws IllegalArgumentException when the properties turn auto commit on
     */
    public Map<String, Object> build() {
      Map<String, Object> merged = new LinkedHashMap<>(fromFile);
      merged.putAll(overrides);
      return ConsumerParams.of(bootstrapServers, groupId, fromBeginning, merged);
    }
  }
}
