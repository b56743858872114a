package io.github.kswordcount.localkafka;

import io.github.kswordcount.consolekit.UsageException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/** A topic to create at start: {@code --topic NAME[:PARTITIONS]}. */
record TopicSpec(String name, int partitions) {

  /**
   * Parses {@code NAME} (1 partition) or {@code NAME:PARTITIONS}.
   *
   * @throws UsageException naming the value and the rule
   */
  static TopicSpec parse(String value) throws UsageException {
    int colon = value.lastIndexOf(':');
    String name = colon < 0 ? value : value.substring(0, colon);
    int partitions = colon < 0 ? 1 : parsePartitions(value, value.substring(colon + 1));
    if (name.isEmpty()) {
      throw malformed(value);
    }
    try {
      Topic.validate(name);
    } catch (InvalidTopicException e) {
      throw UsageException.alone("--topic '" + value + "' is invalid: a topic name has 1 to 249 of the"
          + " characters a-z, A-Z, 0-9, '.', '_' and '-', and is not '.' or '..'");
    }
    return new TopicSpec(name, partitions);
  }

  private static int parsePartitions(String value, String text) throws UsageException {
    // Digits only: Integer.parseInt would also take "+2".
    if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw malformed(value);
    }
    int partitions = Integer.parseInt(text);
    if (partitions < 1) {
      throw malformed(value);
    }
    return partitions;
  }

  private static UsageException malformed(String value) {
    return UsageException.alone("--topic '" + value
        + "' is invalid: use NAME or NAME:PARTITIONS with PARTITIONS >= 1");
  }
}
