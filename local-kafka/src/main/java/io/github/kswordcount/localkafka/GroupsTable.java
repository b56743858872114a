package io.github.kswordcount.localkafka;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * The tables of {@code groups}, in the layout of Kafka's {@code kafka-consumer-groups}: its headers, its column
 * widths (at least 15, or the longest value), {@code -} for a value that is missing, and the blank line before
 * each table. Each table ends with a newline: Kafka 3.9's offsets and reset tables do not (its rows of
 * {@code --reset-offsets} even run together on one line), which Kafka 4.0 fixed (apache/kafka#17058).
 */
final class GroupsTable {
  /** What Kafka prints for a value it does not have. */
  static final String MISSING = "-";

  private static final int MIN_WIDTH = 15;

  private GroupsTable() {
  }

  /**
   * One row of {@code --describe}.
   *
   * @param group the group
   * @param partition the partition
   * @param offset the committed offset, if any
   * @param logEndOffset the partition's log end offset, if known
   * @param consumerId the member it is assigned to, or {@code -}
   * @param host that member's host, or {@code -}
   * @param clientId that member's client id, or {@code -}
   */
  record OffsetRow(String group, TopicPartition partition, Optional<Long> offset, Optional<Long> logEndOffset,
      String consumerId, String host, String clientId) {
    /** The log end offset minus the committed offset, as Kafka computes it. */
    Optional<Long> lag() {
      return offset.filter(o -> o != -1).flatMap(o -> logEndOffset.map(end -> end - o));
    }
  }

  /**
   * One row of {@code --describe --members}.
   *
   * @param group the group
   * @param consumerId the member id
   * @param groupInstanceId the static member id, or empty
   * @param host the member's host
   * @param clientId the member's client id
   * @param assignment the partitions assigned to the member
   */
  record MemberRow(String group, String consumerId, String groupInstanceId, String host, String clientId,
      List<TopicPartition> assignment) {
    MemberRow {
      assignment = List.copyOf(assignment);
    }
  }

  /**
   * One row of {@code --reset-offsets}.
   *
   * @param group the group
   * @param partition the partition
   * @param newOffset the offset it is (or would be) reset to
   */
  record ResetRow(String group, TopicPartition partition, long newOffset) {}

  /** The offsets table of one group, its rows in the order given. */
  static void offsets(PrintStream out, List<OffsetRow> rows) {
    String format = "%n%-" + width(rows, OffsetRow::group) + "s %-" + width(rows, r -> r.partition().topic())
        + "s %-10s %-15s %-15s %-15s %-" + width(rows, OffsetRow::consumerId) + "s %-" + width(rows, OffsetRow::host)
        + "s %s";
    out.print(String.format(Locale.ROOT, format, "GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET",
        "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"));
    for (OffsetRow row : rows) {
      out.print(String.format(Locale.ROOT, format, row.group(), row.partition().topic(), row.partition().partition(),
          text(row.offset()), text(row.logEndOffset()), text(row.lag()), row.consumerId(), row.host(),
          row.clientId()));
    }
    out.print("\n");
  }

  /**
   * The members table of one group; with {@code verbose} an ASSIGNMENT column, {@code topic(0,1), other(2)}.
   * A GROUP-INSTANCE-ID column appears when a member has one, as in Kafka.
   */
  static void members(PrintStream out, List<MemberRow> rows, boolean verbose) {
    boolean instanceIds = rows.stream().anyMatch(r -> !r.groupInstanceId().isEmpty());
    String format = "%-" + width(rows, MemberRow::group) + "s %-" + width(rows, MemberRow::consumerId) + "s "
        + (instanceIds ? "%-" + Math.max(17, maxLength(rows, MemberRow::groupInstanceId)) + "s " : "%s")
        + "%-" + width(rows, MemberRow::host) + "s %-" + width(rows, MemberRow::clientId) + "s %-15s ";
    out.print("\n" + String.format(Locale.ROOT, format, "GROUP", "CONSUMER-ID",
        instanceIds ? "GROUP-INSTANCE-ID" : "", "HOST", "CLIENT-ID", "#PARTITIONS") + (verbose ? "ASSIGNMENT" : "")
        + "\n");
    for (MemberRow row : rows) {
      out.print(String.format(Locale.ROOT, format, row.group(), row.consumerId(),
          instanceIds ? row.groupInstanceId() : "", row.host(), row.clientId(), row.assignment().size())
          + (verbose ? assignment(row.assignment()) : "") + "\n");
    }
  }

  /** The reset table: one row per partition, after a header. */
  static void resets(PrintStream out, List<ResetRow> rows) {
    String format = "%n%-30s %-30s %-10s %-15s";
    out.print(String.format(Locale.ROOT, format, "GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"));
    for (ResetRow row : rows) {
      out.print(String.format(Locale.ROOT, format, row.group(), row.partition().topic(), row.partition().partition(),
          row.newOffset()));
    }
    out.print("\n");
  }

  /** {@code topic(0,1), other(2)}, partitions in number order, or {@code -} for none. */
  static String assignment(List<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return MISSING;
    }
    TreeMap<String, TreeSet<Integer>> byTopic = new TreeMap<>();
    partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new TreeSet<>()).add(tp.partition()));
    return byTopic.entrySet().stream().map(e -> e.getKey() + e.getValue().stream().map(String::valueOf)
        .collect(Collectors.joining(",", "(", ")"))).collect(Collectors.joining(", "));
  }

  private static String text(Optional<Long> value) {
    return value.map(String::valueOf).orElse(MISSING);
  }

  private static <T> int width(List<T> rows, Function<T, String> column) {
    return Math.max(MIN_WIDTH, maxLength(rows, column));
  }

  private static <T> int maxLength(List<T> rows, Function<T, String> column) {
    return rows.stream().mapToInt(r -> column.apply(r).length()).max().orElse(0);
  }
}
