package io.github.kswordcount.localkafka;

import java.util.List;
import java.util.Optional;

/**
 * One validated {@code groups} command.
 *
 * @param action what to do
 * @param connection where to connect
 * @param groups the groups named by {@code --group}, in order; empty with {@code --all-groups} (and for list)
 * @param allGroups whether {@code --all-groups} was given
 * @param members with describe: the members table instead of the offsets table
 * @param verbose with describe members: each member's partitions too
 * @param reset for reset-offsets: the scope, the target and whether to execute
 */
record GroupsRequest(Action action, CommandOptions.Connection connection, List<String> groups, boolean allGroups,
    boolean members, boolean verbose, Optional<Reset> reset) implements AdminCommand.Request {

  GroupsRequest {
    groups = List.copyOf(groups);
  }

  /** The four actions of {@code kafka-consumer-groups} this tool has. */
  enum Action { LIST, DESCRIBE, RESET_OFFSETS, DELETE }

  /** Where {@code --reset-offsets} moves each partition's committed offset. */
  enum Target { EARLIEST, LATEST, OFFSET, DATETIME }

  /**
   * One topic of the reset scope.
   *
   * @param topic the topic name
   * @param partitions the partitions given as {@code TOPIC:0,1}, or empty for every partition of the topic
   */
  record TopicScope(String topic, List<Integer> partitions) {
    TopicScope {
      partitions = List.copyOf(partitions);
    }
  }

  /**
   * A validated {@code --reset-offsets}.
   *
   * @param topics the {@code --topic} scope; empty with {@code --all-topics}
   * @param allTopics whether the scope is every partition the group has an offset for
   * @param target where to move the offsets
   * @param value the offset for {@link Target#OFFSET}, the epoch milliseconds for {@link Target#DATETIME}, else 0
   * @param execute whether to commit the new offsets ({@code --execute}) or only print them
   * @param dryRunImplied whether neither {@code --dry-run} nor {@code --execute} was given (Kafka warns then)
   */
  record Reset(List<TopicScope> topics, boolean allTopics, Target target, long value, boolean execute,
      boolean dryRunImplied) {
    Reset {
      topics = List.copyOf(topics);
    }
  }
}
