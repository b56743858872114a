package io.github.kswordcount.jobframe;

import io.github.kswordcount.core.internal.kafka.ConsumerParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

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
