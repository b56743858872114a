package io.github.kswordcount.localkafka;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;

/**
 * {@code java -jar local-kafka.jar groups ...}: {@code kafka-consumer-groups} for people without a Kafka
 * distribution, against any Kafka. {@code --list}, {@code --describe [--members [--verbose]]},
 * {@code --reset-offsets} and {@code --delete} print Kafka's tables on stdout (rows sorted by group, topic and
 * partition, where Kafka's come in hash order) and its notes ({@code has no active members}) on stderr. A group
 * that does not exist, a reset of a group with active members and a failed delete are one {@code error:} line on
 * stderr and exit 1, where Kafka's tool prints {@code Error: ...} on stdout and exits 0; usage errors exit 2.
 */
final class GroupsCommand {
  private GroupsCommand() {
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return AdminCommand.run("groups", new GroupsOptions(),
        (admin, request, stdout) -> execute(admin, request, stdout, err), args, out, err);
  }

  private static void execute(Admin admin, GroupsRequest request, PrintStream out, PrintStream err)
      throws ExecutionException, InterruptedException, TimeoutException {
    switch (request.action()) {
      case LIST -> listGroups(admin).forEach(out::println);
      case DESCRIBE -> describe(admin, request, out, err);
      case RESET_OFFSETS -> GroupOffsetsReset.run(admin, groups(admin, request), request.reset().orElseThrow(),
          out, err);
      case DELETE -> delete(admin, groups(admin, request), out);
      default -> throw new IllegalStateException("unknown action " + request.action());
    }
  }

  /** Every consumer group, sorted by id. */
  static List<String> listGroups(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
    try {
      return get(admin.listConsumerGroups().all()).stream().map(ConsumerGroupListing::groupId).sorted()
          .collect(Collectors.toList());
    } catch (ExecutionException e) {
      // "Failed to find brokers to send ListGroups" hides why: a refused login, no answer...
      if (e.getCause() != null && e.getCause().getCause() instanceof KafkaException why) {
        throw why;
      }
      throw e;
    }
  }

  /** The groups of {@code --group} (each once), or of {@code --all-groups}. */
  private static List<String> groups(Admin admin, GroupsRequest request)
      throws ExecutionException, InterruptedException, TimeoutException {
    return request.allGroups() ? listGroups(admin) : List.copyOf(new TreeSet<>(request.groups()));
  }

  /** Each group's description by id, sorted; a group that does not exist is {@link ConsumerGroupState#DEAD}. */
  static Map<String, ConsumerGroupDescription> describeGroups(Admin admin, Collection<String> groups)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<String, ConsumerGroupDescription> described = new TreeMap<>();
    for (Map.Entry<String, KafkaFuture<ConsumerGroupDescription>> e
        : admin.describeConsumerGroups(groups).describedGroups().entrySet()) {
      described.put(e.getKey(), forGroup(e.getKey(), e.getValue()));
    }
    return described;
  }

  /** The committed offsets of a group; a partition without one is left out. */
  static Map<TopicPartition, Long> committedOffsets(Admin admin, String group)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> offsets = forGroup(group, admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata());
    Map<TopicPartition, Long> committed = new HashMap<>();
    offsets.forEach((tp, offset) -> {
      if (offset != null) {
        committed.put(tp, offset.offset());
      }
    });
    return committed;
  }

  private static void describe(Admin admin, GroupsRequest request, PrintStream out, PrintStream err)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<String> missing = new ArrayList<>();
    for (ConsumerGroupDescription group : describeGroups(admin, groups(admin, request)).values()) {
      if (group.state() == ConsumerGroupState.DEAD) {
        missing.add(group.groupId());
        continue;
      }
      noteState(group, err);
      if (request.members()) {
        GroupsTable.members(out, memberRows(group), request.verbose());
      } else {
        List<GroupsTable.OffsetRow> rows = offsetRows(admin, group);
        // Kafka prints no table for a group without members and without offsets.
        if (!rows.isEmpty()) {
          GroupsTable.offsets(out, rows);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(doNotExist(missing));
    }
  }

  /** Kafka's words for groups that do not exist. */
  static String doNotExist(List<String> groups) {
    return groups.size() == 1 ? "Consumer group '" + groups.get(0) + "' does not exist."
        : "Consumer groups " + groups.stream().map(g -> "'" + g + "'").collect(Collectors.joining(", "))
        + " do not exist.";
  }

  /** Kafka's notes on stderr for a group without members or in a rebalance. */
  private static void noteState(ConsumerGroupDescription group, PrintStream err) {
    switch (group.state()) {
      case EMPTY -> err.print("\nConsumer group '" + group.groupId() + "' has no active members.\n");
      case PREPARING_REBALANCE, COMPLETING_REBALANCE, ASSIGNING, RECONCILING ->
          err.print("\nWarning: Consumer group '" + group.groupId() + "' is rebalancing.\n");
      case STABLE -> { }
      default -> throw new IllegalStateException(
          "Expected a valid consumer group state, but found '" + group.state() + "'.");
    }
    err.flush();
  }

  /**
   * Kafka's rows: each member with partitions (the most partitions first) and its partitions, then the partitions
   * with a committed offset that no member has.
   */
  private static List<GroupsTable.OffsetRow> offsetRows(Admin admin, ConsumerGroupDescription group)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, Long> committed = committedOffsets(admin, group.groupId());
    Map<TopicPartition, MemberDescription> owners = new LinkedHashMap<>();
    group.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty())
        .sorted(Comparator.comparingInt((MemberDescription m) -> m.assignment().topicPartitions().size()).reversed())
        .forEach(m -> sorted(m.assignment().topicPartitions()).forEach(tp -> owners.put(tp, m)));
    List<TopicPartition> partitions = new ArrayList<>(owners.keySet());
    sorted(committed.keySet()).stream().filter(tp -> !owners.containsKey(tp)).forEach(partitions::add);
    Map<TopicPartition, Long> logEnds = GroupOffsetsReset.logOffsets(admin, partitions, OffsetSpec.latest());
    List<GroupsTable.OffsetRow> rows = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      MemberDescription m = owners.get(tp);
      rows.add(new GroupsTable.OffsetRow(group.groupId(), tp, Optional.ofNullable(committed.get(tp)),
          Optional.ofNullable(logEnds.get(tp)), m == null ? GroupsTable.MISSING : m.consumerId(),
          m == null ? GroupsTable.MISSING : m.host(), m == null ? GroupsTable.MISSING : m.clientId()));
    }
    return rows;
  }

  private static List<GroupsTable.MemberRow> memberRows(ConsumerGroupDescription group) {
    return group.members().stream().map(m -> new GroupsTable.MemberRow(group.groupId(), m.consumerId(),
        m.groupInstanceId().orElse(""), m.host(), m.clientId(), sorted(m.assignment().topicPartitions())))
        .collect(Collectors.toList());
  }

  static List<TopicPartition> sorted(Collection<TopicPartition> partitions) {
    return partitions.stream().sorted(Comparator.comparing(TopicPartition::topic)
        .thenComparingInt(TopicPartition::partition)).collect(Collectors.toList());
  }

  private static void delete(Admin admin, List<String> groups, PrintStream out)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<String, KafkaFuture<Void>> results = admin.deleteConsumerGroups(groups).deletedGroups();
    List<String> deleted = new ArrayList<>();
    Map<String, String> failed = new TreeMap<>();
    boolean refused = false;
    for (String group : groups) {
      try {
        forGroup(group, results.get(group));
        deleted.add(group);
      } catch (ExecutionException e) {
        failed.put(group, e.getCause() == null ? String.valueOf(e.getMessage()) : e.getCause().getMessage());
      } catch (GroupAuthorizationException e) {
        refused = true;
        failed.put(group, e.getMessage());
      }
    }
    // Kafka's quotes: ('a, b').
    String names = "'" + String.join(", ", deleted) + "'";
    if (failed.isEmpty()) {
      out.println("Deletion of requested consumer groups (" + names + ") was successful.");
      return;
    }
    if (!deleted.isEmpty()) {
      out.println("These consumer groups were deleted successfully: " + names);
    }
    String why = failed.entrySet().stream()
        .map(e -> "Group '" + e.getKey() + "' could not be deleted due to: " + e.getValue())
        .collect(Collectors.joining("; "));
    // A refusal gets AdminCommand's hint about the ACLs of --command-config.
    throw refused ? new GroupAuthorizationException(why) : new IllegalStateException(why);
  }

  static <T> T get(KafkaFuture<T> future) throws ExecutionException, InterruptedException, TimeoutException {
    return future.get(AdminCommand.TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * {@link #get} for a request about one group.
   *
   * @throws GroupAuthorizationException naming the group, where Kafka's names its FindCoordinator request
   */
  static <T> T forGroup(String group, KafkaFuture<T> future)
      throws ExecutionException, InterruptedException, TimeoutException {
    try {
      return get(future);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupAuthorizationException) {
        throw new GroupAuthorizationException("Not authorized to access group '" + group + "'");
      }
      throw e;
    }
  }
}
