package io.github.kswordcount.localkafka;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.requests.ListOffsetsResponse;

/**
 * {@code groups --reset-offsets}: plans each group's new offsets as Kafka's {@code kafka-consumer-groups} does
 * (an offset past either end of the log is moved to that end, with a warning; a time after the last record
 * means the log end), prints them and, with {@code --execute}, commits them. Only groups without active members
 * can be reset, a group that does not exist yet included; one with members refuses the whole command before
 * anything changes.
 */
final class GroupOffsetsReset {
  private GroupOffsetsReset() {
  }

  static void run(Admin admin, List<String> groups, GroupsRequest.Reset reset, PrintStream out, PrintStream err)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (reset.dryRunImplied()) {
      // Kafka's warning, its first sentence: the rest announces a prompt in a future Kafka release.
      err.print("WARN: No action will be performed as the --execute option is missing.\n");
      err.flush();
    }
    for (ConsumerGroupDescription group : GroupsCommand.describeGroups(admin, groups).values()) {
      if (group.state() != ConsumerGroupState.EMPTY && group.state() != ConsumerGroupState.DEAD) {
        throw new IllegalStateException("Assignments can only be reset if the group '" + group.groupId()
            + "' is inactive, but the current state is " + group.state() + ".");
      }
    }
    List<GroupsTable.ResetRow> rows = new ArrayList<>();
    for (String group : groups) {
      Map<TopicPartition, Long> planned = plan(admin, group, reset, err);
      if (reset.execute()) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        planned.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
        GroupsCommand.forGroup(group, admin.alterConsumerGroupOffsets(group, commits).all());
      }
      planned.forEach((tp, offset) -> rows.add(new GroupsTable.ResetRow(group, tp, offset)));
    }
    if (!groups.isEmpty()) {
      GroupsTable.resets(out, rows);
    }
  }

  /** The new offset of each partition in the scope, sorted by topic and partition. */
  private static Map<TopicPartition, Long> plan(Admin admin, String group, GroupsRequest.Reset reset,
      PrintStream err) throws ExecutionException, InterruptedException, TimeoutException {
    List<TopicPartition> partitions = GroupsCommand.sorted(reset.allTopics()
        ? GroupsCommand.committedOffsets(admin, group).keySet() : scope(admin, reset.topics()));
    Map<TopicPartition, Long> planned = new LinkedHashMap<>();
    switch (reset.target()) {
      case EARLIEST -> planned.putAll(ordered(partitions, logOffsets(admin, partitions, OffsetSpec.earliest())));
      case LATEST -> planned.putAll(ordered(partitions, logOffsets(admin, partitions, OffsetSpec.latest())));
      case OFFSET -> planned.putAll(withinLog(admin, partitions, reset.value(), err));
      case DATETIME -> planned.putAll(atTime(admin, partitions, reset.value(), err));
      default -> throw new IllegalStateException("unknown target " + reset.target());
    }
    return planned;
  }

  /** The partitions of {@code --topic}: those given as {@code TOPIC:0,1}, else all of the topic. */
  private static List<TopicPartition> scope(Admin admin, List<GroupsRequest.TopicScope> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<TopicPartition> partitions = new ArrayList<>();
    List<String> whole = new ArrayList<>();
    for (GroupsRequest.TopicScope topic : topics) {
      if (topic.partitions().isEmpty()) {
        whole.add(topic.topic());
      } else {
        topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.topic(), p)));
      }
    }
    if (!whole.isEmpty()) {
      Map<String, TopicDescription> described = GroupsCommand.get(admin.describeTopics(whole).allTopicNames());
      described.forEach((name, d) -> d.partitions()
          .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
    }
    return partitions.stream().distinct().collect(Collectors.toList());
  }

  /** {@code offset}, moved into [log start, log end] of each partition with Kafka's warning. */
  private static Map<TopicPartition, Long> withinLog(Admin admin, List<TopicPartition> partitions, long offset,
      PrintStream err) throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, Long> starts = logOffsets(admin, partitions, OffsetSpec.earliest());
    Map<TopicPartition, Long> ends = logOffsets(admin, partitions, OffsetSpec.latest());
    Map<TopicPartition, Long> planned = new LinkedHashMap<>();
    for (TopicPartition tp : partitions) {
      long end = known(ends, tp, "ending offset");
      long start = known(starts, tp, "starting offset");
      if (offset > end) {
        warn(err, "New offset (" + offset + ") is higher than latest offset for topic partition " + tp
            + ". Value will be set to " + end);
        planned.put(tp, end);
      } else if (offset < start) {
        warn(err, "New offset (" + offset + ") is lower than earliest offset for topic partition " + tp
            + ". Value will be set to " + start);
        planned.put(tp, start);
      } else {
        planned.put(tp, offset);
      }
    }
    return planned;
  }

  /** The first offset at or after {@code timestamp}; the log end, with Kafka's warning, when there is none. */
  private static Map<TopicPartition, Long> atTime(Admin admin, List<TopicPartition> partitions, long timestamp,
      PrintStream err) throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, Long> found = logOffsets(admin, partitions, OffsetSpec.forTimestamp(timestamp));
    List<TopicPartition> none = partitions.stream()
        .filter(tp -> found.getOrDefault(tp, ListOffsetsResponse.UNKNOWN_OFFSET) == ListOffsetsResponse.UNKNOWN_OFFSET)
        .collect(Collectors.toList());
    none.forEach(tp -> warn(err, "Partition " + tp.partition() + " from topic " + tp.topic()
        + " has no record at or after that time. Falling back to latest known offset."));
    Map<TopicPartition, Long> merged = new HashMap<>(found);
    merged.putAll(logOffsets(admin, none, OffsetSpec.latest()));
    return ordered(partitions, merged);
  }

  /** Each partition's offset of {@code spec} ({@code ListOffsets}); a partition Kafka did not answer for is absent. */
  static Map<TopicPartition, Long> logOffsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> request = partitions.stream()
        .collect(Collectors.toMap(Function.identity(), tp -> spec, (a, b) -> a));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = GroupsCommand.get(
        admin.listOffsets(request).all());
    Map<TopicPartition, Long> result = new HashMap<>();
    offsets.forEach((tp, info) -> result.put(tp, info.offset()));
    return result;
  }

  private static Map<TopicPartition, Long> ordered(List<TopicPartition> partitions, Map<TopicPartition, Long> offsets) {
    Map<TopicPartition, Long> ordered = new LinkedHashMap<>();
    for (TopicPartition tp : partitions) {
      ordered.put(tp, known(offsets, tp, "offset"));
    }
    return ordered;
  }

  private static long known(Map<TopicPartition, Long> offsets, TopicPartition tp, String which) {
    Long offset = offsets.get(tp);
    if (offset == null) {
      throw new IllegalStateException("Error getting " + which + " of topic partition: " + tp);
    }
    return offset;
  }

  private static void warn(PrintStream err, String message) {
    err.print("WARN: " + message + "\n");
    err.flush();
  }
}
