package io.github.kswordcount.core.receiver;

import io.github.kswordcount.core.kafka.Topics;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a receiver's consumers subscribe to: topic names or a pattern, with the consumer parameters.
 *
 * @param consumerParams consumer parameters with {@code group.id} and {@code enable.auto.commit=false}
 * @param topics topic names or a pattern
 */
public record ReceiverSource(HashMap<String, Object> consumerParams, Topics topics) implements Serializable {

  /**
   * A source for topic names or a pattern.
   *
   * @param params consumer parameters
   * @param topics the topics
   * @return the source
   */
  public static ReceiverSource of(Map<String, Object> params, Topics topics) {
    return new ReceiverSource(checked(params), topics);
  }

  /** The consumer parameters of one consumer thread: a static member of the group, named after its place. */
  HashMap<String, Object> consumerParams(int receiver, int thread) {
    HashMap<String, Object> params = new HashMap<>(consumerParams);
    params.putIfAbsent("group.instance.id", params.get("group.id") + "-receiver-" + receiver + "-" + thread);
    return params;
  }

  void subscribe(KafkaConsumer<byte[], byte[]> consumer) {
    ConsumerRebalanceListener listener = new StartPositions(consumer);
    if (topics.isPattern()) {
      // The pattern again, as Topics.matches: no internal topics, not the job's own output.
      consumer.subscribe(Pattern.compile("(?!__)(?:" + topics.pattern().pattern() + ")"), listener);
    } else {
      consumer.subscribe(topics.names(), listener);
    }
  }

  /**
   * Commits the start position of every newly assigned partition the group has no offset for, as Kafka's
   * auto-commit would. Without it a partition that never gets a record has no committed offset: its lag is
   * unknown, and with {@code auto.offset.reset=latest} a restart would skip what arrived in between.
   */
  private record StartPositions(KafkaConsumer<byte[], byte[]> consumer) implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
      Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
      for (TopicPartition partition : partitions) {
        if (committed.get(partition) == null) {
          starts.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
      }
      if (!starts.isEmpty()) {
        consumer.commitSync(starts);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Nothing to do: every stored record's offset is committed before the next poll.
    }
  }

  private static HashMap<String, Object> checked(Map<String, Object> params) {
    if (params.get("group.id") == null) {
      throw new IllegalArgumentException("consumer parameters have no group.id");
    }
    if (Boolean.parseBoolean(String.valueOf(params.get("enable.auto.commit")))) {
      throw new IllegalArgumentException("enable.auto.commit must be false: the receiver commits after storing");
    }
    return new HashMap<>(params);
  }
}
