package io.github.kswordcount.core.kafka;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.kafka010.OffsetRange;

/** Readable formatting of Spark's {@code OffsetRange}s, and their conversion to offsets to commit. */
public final class OffsetRanges {

  private static final Comparator<OffsetRange> BY_TOPIC_PARTITION =
      Comparator.comparing(OffsetRange::topic).thenComparingInt(OffsetRange::partition);

  private OffsetRanges() {}

  /**
   * Formats one range as {@code topic-partition [from, until) count}, e.g. {@code lab-0 [10, 25) 15}.
   *
   * @param range the range
   * @return the text
   */
  public static String format(OffsetRange range) {
    return range.topic() + "-" + range.partition()
        + " [" + range.fromOffset() + ", " + range.untilOffset() + ") " + range.count();
  }

  /**
   * Formats ranges sorted by topic and partition, separated by {@code ", "}.
   *
   * @param ranges the ranges of a batch
   * @return the text, or {@code (none)} for no ranges
   */
  public static String format(OffsetRange[] ranges) {
    if (ranges.length == 0) {
      return "(none)";
    }
    return Arrays.stream(ranges).sorted(BY_TOPIC_PARTITION).map(OffsetRanges::format)
        .collect(Collectors.joining(", "));
  }

  /**
   * The number of records in the ranges.
   *
   * @param ranges the ranges of a batch
   * @return the sum of their counts
   */
  public static long count(OffsetRange[] ranges) {
    long total = 0;
    for (OffsetRange range : ranges) {
      total += range.count();
    }
    return total;
  }

  /**
   * The offsets to commit once a batch's output is done: each partition's {@code untilOffset}, the next
   * offset to read. Empty ranges are kept (committing them is harmless and records progress).
   *
   * @param ranges the ranges of a batch
   * @return offsets by partition, in topic and partition order
   */
  public static Map<TopicPartition, OffsetAndMetadata> untilOffsets(OffsetRange[] ranges) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    Arrays.stream(ranges).sorted(BY_TOPIC_PARTITION)
        .forEach(r -> offsets.put(r.topicPartition(), new OffsetAndMetadata(r.untilOffset())));
    return offsets;
  }
}
