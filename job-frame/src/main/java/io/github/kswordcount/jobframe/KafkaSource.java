package io.github.kswordcount.jobframe;

import io.github.kswordcount.core.kafka.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;

/**
 * The validated Kafka source of a job.
 *
 * @param bootstrapServers the brokers
 * @param topics the topics to read: names or a pattern
 * @param group the consumer group
 * @param fromBeginning whether a partition without a committed offset starts at the earliest offset
 * @param consumerParams the merged consumer parameters
 */
public record KafkaSource(
    String bootstrapServers, Topics topics, String group, boolean fromBeginning, Map<String, Object> consumerParams) {

  /**
   * Which records the job's consumers see, from {@code isolation.level}.
   *
   * @return {@code READ_COMMITTED} (the default) or {@code READ_UNCOMMITTED}
   */
  public IsolationLevel isolation() {
    Object level = consumerParams.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
    return "read_uncommitted".equalsIgnoreCase(String.valueOf(level))
        ? IsolationLevel.READ_UNCOMMITTED : IsolationLevel.READ_COMMITTED;
  }
}
