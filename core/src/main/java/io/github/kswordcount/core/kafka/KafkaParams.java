package io.github.kswordcount.core.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Builds Kafka consumer parameters in one place: safe defaults, then a properties file, then
 * {@code key=value} overrides, in that order of precedence.
 *
 * <p>Defaults: {@code enable.auto.commit=false} (offsets are committed after a batch's output, never on a
 * timer), {@code auto.offset.reset=latest} ({@code earliest} with {@link Builder#fromBeginning(boolean)}),
 * {@code isolation.level=read_committed} (aborted transactions are never counted), byte-array key and value
 * deserializers (decoding is ours, so bad bytes are counted rather than fatal).
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

  /**
   * Parses one {@code key=value} override, splitting at the first {@code =}.
   *
   * @param pair the text given by the user
   * @return the key and the value (which may be empty or contain {@code =})
   * @throws IllegalArgumentException when there is no {@code =} or the key is empty
   */
  public static Map.Entry<String, String> parsePair(String pair) {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("'" + pair + "' is not a key=value pair");
    }
    return Map.entry(pair.substring(0, eq).trim(), pair.substring(eq + 1));
  }

  /**
   * Reads a Java properties file (ISO-8859-1 escapes as {@link Properties#load(Reader)}, read as UTF-8).
   *
   * @param file the file
   * @return its entries, in no particular order
   * @throws IllegalArgumentException when the file is missing or unreadable, naming it
   */
  private static Map<String, String> readProperties(Path file) {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("properties file '" + file + "' does not exist", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read properties file '" + file + "': " + e.getMessage(), e);
    }
    Map<String, String> entries = new LinkedHashMap<>();
    props.stringPropertyNames().forEach(k -> entries.put(k, props.getProperty(k)));
    return entries;
  }

  /** Accumulates defaults and overrides; {@link #build()} returns the merged, immutable map. */
  public static final class Builder {
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private final Map<String, Object> fromFile = new LinkedHashMap<>();
    private final Map<String, Object> overrides = new LinkedHashMap<>();
    private final String bootstrapServers;

    private Builder(String bootstrapServers, String groupId) {
      this.bootstrapServers = bootstrapServers;
      defaults.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
      defaults.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      defaults.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
      defaults.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      defaults.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      defaults.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    }

    /**
     * Where the group has no committed offset, start at the earliest offset ({@code true}) or the latest.
     *
     * @param fromBeginning whether to start at the earliest offset
     * @return this builder
     */
    public Builder fromBeginning(boolean fromBeginning) {
      defaults.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
      return this;
    }

    /**
     * Adds the entries of a properties file ({@code --consumer.config}); overrides beat them.
     *
     * @param file the file
     * @return this builder
     */
    public Builder propertiesFile(Path file) {
      fromFile.putAll(readProperties(file));
      return this;
    }

    /**
     * Adds one {@code key=value} override ({@code --consumer-property}); the last one for a key wins.
     *
     * @param pair the text given by the user
     * @return this builder
     */
    public Builder override(String pair) {
      Map.Entry<String, String> entry = parsePair(pair);
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
     * Merges defaults, file and overrides. {@code bootstrap.servers} is always the one given to
     * {@link KafkaParams#builder}, as with Kafka's tools.
     *
     * @return an unmodifiable map, ready for {@code KafkaConsumer} or Spark's {@code ConsumerStrategies}
     */
    public Map<String, Object> build() {
      Map<String, Object> merged = new LinkedHashMap<>(defaults);
      merged.putAll(fromFile);
      merged.putAll(overrides);
      merged.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      return Collections.unmodifiableMap(merged);
    }
  }
}
