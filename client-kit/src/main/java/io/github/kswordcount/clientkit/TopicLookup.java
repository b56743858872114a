package io.github.kswordcount.clientkit;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether a topic a tool names exists, from one metadata request, and the sentence that says it does not. While a
 * topic is missing, Kafka's clients only log {@code UNKNOWN_TOPIC_OR_PARTITION} at each metadata request (a
 * producer blocks {@code max.block.ms} on every record meanwhile); a tool asks once and says it in words.
 *
 * <p>A producer's metadata request lets the broker create the topic: a broker with {@code auto.create.topics.enable}
 * creates it at the first record. Asked the same way ({@code mayCreate}), a topic is reported missing only when a
 * first record would not create it either.
 */
public final class TopicLookup {

  private TopicLookup() {}

  /**
   * The sentence for topics that do not exist.
   *
   * @param topics the topics, one or more
   * @param bootstrap where they were looked for
   * @return {@code topic 'a' does not exist on HOST:PORT}, or {@code topics [a, b] do not exist on HOST:PORT}
   */
  public static String doesNotExist(Collection<String> topics, Object bootstrap) {
    return (topics.size() == 1 ? "topic '" + topics.iterator().next() + "' does" : "topics " + topics + " do")
        + " not exist on " + bootstrap;
  }

  /**
   * Whether the cluster says the topic does not exist, asked through a consumer (which lets the broker create it,
   * as above, unless the consumer's {@code allow.auto.create.topics} is false).
   *
   * @param consumer the consumer
   * @param topic the topic
   * @param timeout how long to wait for the cluster
   * @return {@code true} when it does not exist
   * @throws org.apache.kafka.common.errors.TimeoutException when the cluster does not answer in time
   * @throws org.apache.kafka.common.KafkaException when the login or the topic is refused, or the call fails
   */
  public static boolean absent(Consumer<?, ?> consumer, String topic, Duration timeout) {
    return consumer.partitionsFor(topic, timeout).isEmpty();
  }

  /**
   * Whether the cluster says the topic does not exist, through a short-lived consumer with the connection and
   * security settings of {@code clientConfig}.
   *
   * @param clientConfig a producer's or another client's settings
   * @param topic the topic
   * @param mayCreate ask as a producer asks at its first record, which lets the broker create the topic
   * @param timeout how long to wait for the cluster
   * @return {@code true} when it does not exist (with {@code mayCreate}: nor was it created)
   * @throws org.apache.kafka.common.errors.TimeoutException when the cluster does not answer in time
   * @throws org.apache.kafka.common.KafkaException when the login or the topic is refused, or the call fails
   */
  public static boolean absent(Map<String, Object> clientConfig, String topic, boolean mayCreate, Duration timeout) {
    Map<String, Object> config = AdminSettings.only(clientConfig, ConsumerConfig.configNames());
    config.keySet().removeAll(List.of(ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
        ConsumerConfig.CLIENT_ID_CONFIG));
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, mayCreate);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return absent(consumer, topic, timeout);
    }
  }
}
