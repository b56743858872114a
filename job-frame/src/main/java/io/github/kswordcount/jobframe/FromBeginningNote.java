package io.github.kswordcount.jobframe;

import io.github.kswordcount.core.internal.kafka.KafkaFutures;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import io.github.kswordcount.core.kafka.KafkaCallException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The line a job prints when {@code --from-beginning} was given but its group already has committed offsets on
 * the topics it reads: Kafka's {@code auto.offset.reset} only applies where a group has none, so the job reads on
 * from those offsets, and a user who expected a count from the first record would see only empty batches.
 */
final class FromBeginningNote {
  private static final Logger LOG = LoggerFactory.getLogger(FromBeginningNote.class);

  private FromBeginningNote() {}

  /** Prints the line on {@code err} when the group has committed offsets on the source's topics. */
  static void check(KafkaSource source, Duration timeout, PrintStream err) {
    try {
      check(source, timeout).ifPresent(err::println);
    } catch (KafkaCallException e) {
      // Only a hint: a group this user may not read is refused by the job itself, with its own line.
      LOG.debug("Cannot read the committed offsets of group '{}'", source.group(), e);
    }
  }

  /**
   * Asks the cluster for the group's committed offsets on the source's topics.
   *
   * @param source the job's source, with {@code --from-beginning} given
   * @param timeout the bound on the call
   * @return the line, or empty when the group has no committed offset on those topics
   */
  static Optional<String> check(KafkaSource source, Duration timeout) {
    Admin admin = SharedClients.admin(source.consumerParams());
    Map<TopicPartition, OffsetAndMetadata> committed = KafkaFutures.await(
        admin.listConsumerGroupOffsets(source.group()).partitionsToOffsetAndMetadata(), timeout,
        "read the committed offsets of group '" + source.group() + "'");
    SortedSet<String> topics = new TreeSet<>();
    committed.forEach((partition, offset) -> {
      if (offset != null && source.topics().matches(partition.topic())) {
        topics.add(partition.topic());
      }
    });
    return topics.isEmpty() ? Optional.empty() : Optional.of(line(source.group(), source.bootstrapServers(), topics));
  }

  /**
   * The line, e.g. for group {@code wordcount-direct} on topic {@code lab}: the group reads on from its offsets,
   * and the two ways to count from the first record (a new group; or a reset of this one while no job runs).
   *
   * @param group the consumer group
   * @param brokers the bootstrap servers, for the reset command
   * @param topics the topics on which the group has committed offsets
   * @return one line
   */
  static String line(String group, String brokers, Collection<String> topics) {
    String named = topics.size() == 1 ? "topic '" + topics.iterator().next() + "'" : "topics " + topics;
    StringBuilder reset = new StringBuilder();
    topics.forEach(topic -> reset.append(" --topic ").append(topic));
    return "note: --from-beginning applies only where group '" + group + "' has no committed offset; it has "
        + "offsets on " + named + " and reads on from them. To count from the first record, give a new --group, "
        + "or reset this one while no job uses it: bin/kafka-consumer-groups.sh --bootstrap-server " + brokers
        + " --group " + group + reset + " --reset-offsets --to-earliest --execute";
  }
}
