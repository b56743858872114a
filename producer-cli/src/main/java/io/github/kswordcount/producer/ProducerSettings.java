package io.github.kswordcount.producer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What producer-cli does, decided once from the command line by {@link ProducerOptions#toSettings}.
 *
 * @param sync send one record at a time and stop at the first failure ({@code --sync})
 * @param producerConfig the merged {@code KafkaProducer} configuration
 * @param readerClass the {@code --line-reader} class name
 * @param readerProperties the reader properties ({@code --reader-config}, {@code topic}, {@code --property})
 * @param lineFormat the line format when the reader is the built-in one, else {@code null}
 */
public record ProducerSettings(boolean sync, Map<String, Object> producerConfig, String readerClass,
    Map<String, String> readerProperties, LineFormat lineFormat) {

  /** Copies the maps so the settings cannot change afterwards. */
  public ProducerSettings {
    producerConfig = Collections.unmodifiableMap(new LinkedHashMap<>(producerConfig));
    readerProperties = Map.copyOf(readerProperties);
  }

  /**
   * The topic records go to (the reader's {@code topic} property, which {@code --property} can change).
   *
   * @return the topic
   */
  public String topic() {
    return readerProperties.get("topic");
  }
}
