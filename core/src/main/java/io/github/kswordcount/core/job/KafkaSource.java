package io.github.kswordcount.core.job;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The validated Kafka source of a job.
 *
 * @param bootstrapServers the brokers
 * @param topics the topics to read, empty when {@code include} is set
 * @param include the topic pattern, or {@code null}
 * @param group the consumer group
 * @param fromBeginning whether a partition without a committed offset starts at the earliest offset
 * @param consumerParams the merged consumer parameters
 */
public record KafkaSource(
    String bootstrapServers, List<String> topics, Pattern include, String group, boolean fromBeginning,
    Map<String, Object> consumerParams) {

  /**
   * Describes what is read, for logs: {@code topics [lab]} or {@code pattern lab-.*}.
   *
   * @return the description
   */
  public String describe() {
    return include == null ? "topics " + topics : "pattern " + include.pattern();
  }
}
