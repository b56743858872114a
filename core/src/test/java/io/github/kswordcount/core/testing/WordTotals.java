package io.github.kswordcount.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.KafkaIo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Word-count arithmetic for the fault tests: the words of the input a group has committed, and how two sets of
 * totals differ (what a fault lost or counted twice).
 */
public final class WordTotals {

  private WordTotals() {}

  /**
   * Counts the words of a topic's records below the given offsets (a group's committed offsets: the input it
   * has moved past), as {@link Corpus#countOf} counts them.
   *
   * @param bootstrap the brokers
   * @param topic the input topic, holding lines of single-space separated words
   * @param offsets per partition, the offset below which records count; a partition without one counts none
   * @return word to count
   */
  public static Map<String, Long> below(String bootstrap, String topic, Map<TopicPartition, Long> offsets) {
    List<String> lines = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : KafkaIo.readAll(bootstrap, topic, "read_uncommitted")) {
      if (r.offset() < offsets.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L)) {
        lines.add(new String(r.value(), StandardCharsets.UTF_8));
      }
    }
    return Corpus.countOf(lines);
  }

  /**
   * Per word, {@code totals - expected}, for the words where they differ: positive where a word was counted
   * more often, negative where less.
   *
   * @param totals the counts found
   * @param expected the counts expected
   * @return word to difference, sorted by word
   */
  public static Map<String, Long> minus(Map<String, Long> totals, Map<String, Long> expected) {
    Map<String, Long> difference = new HashMap<>(totals);
    expected.forEach((word, count) -> difference.merge(word, -count, Long::sum));
    difference.values().removeIf(d -> d == 0);
    return new TreeMap<>(difference);
  }

  /**
   * The sum of the counts.
   *
   * @param counts word to count
   * @return their sum
   */
  public static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The at-least-once check: no word of {@code expected} is below its count in {@code totals}, and how many
   * words were counted more than once (what a fault cost).
   *
   * @param totals the counts found
   * @param expected the corpus's counts
   * @return {@code sum(totals) - sum(expected)}
   */
  public static long noneBelow(Map<String, Long> totals, Map<String, Long> expected) {
    expected.forEach((word, count) -> assertThat(totals.get(word)).as(word).isGreaterThanOrEqualTo(count));
    return sum(totals) - sum(expected);
  }
}
