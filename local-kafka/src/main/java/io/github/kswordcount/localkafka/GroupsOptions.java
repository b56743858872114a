package io.github.kswordcount.localkafka;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import io.github.kswordcount.consolekit.UsageException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;

/** The {@code groups} command line, as {@code kafka-consumer-groups} takes it for the actions it shares. */
final class GroupsOptions implements AdminCommand.Options<GroupsRequest> {
  private static final String TARGETS = "--to-earliest, --to-latest, --to-offset, --to-datetime";

  @ParametersDelegate
  final CommandOptions common = new CommandOptions();

  @Parameter(names = "--list", description = "List all consumer groups")
  boolean list;

  @Parameter(names = "--describe", description = "Describe the groups: each partition's committed offset and lag,"
      + " or with --members each member")
  boolean describe;

  @Parameter(names = "--reset-offsets", description = "Reset the committed offsets of inactive groups: print the"
      + " new offsets (--dry-run, the default) or commit them (--execute)")
  boolean resetOffsets;

  @Parameter(names = "--delete", description = "Delete the groups and their committed offsets")
  boolean delete;

  @Parameter(names = "--group", description = "A consumer group to act on; repeatable", splitter = WholeValue.class)
  List<String> groups = new ArrayList<>();

  @Parameter(names = "--all-groups", description = "Act on every consumer group")
  boolean allGroups;

  @Parameter(names = "--offsets", description = "With --describe: the offsets table (the default)")
  boolean offsets;

  @Parameter(names = "--members", description = "With --describe: the members table")
  boolean members;

  @Parameter(names = "--verbose", description = "With --describe --members: each member's partitions too")
  boolean verbose;

  @Parameter(names = "--topic", description = "With --reset-offsets: a topic, or TOPIC:0,1,2 for some of its"
      + " partitions; repeatable", splitter = WholeValue.class)
  List<String> topics = new ArrayList<>();

  @Parameter(names = "--all-topics", description = "With --reset-offsets: every partition the group has an offset for")
  boolean allTopics;

  @Parameter(names = "--to-earliest", description = "Reset to each partition's earliest offset")
  boolean toEarliest;

  @Parameter(names = "--to-latest", description = "Reset to each partition's latest (log end) offset")
  boolean toLatest;

  @Parameter(names = "--to-offset", description = "Reset to this offset (one past the end is the log end)")
  String toOffset;

  @Parameter(names = "--to-datetime", description = "Reset to the first offset at or after this time,"
      + " YYYY-MM-DDTHH:mm:SS.sss with an optional zone (Z, +02:00); UTC without one")
  String toDatetime;

  @Parameter(names = "--dry-run", description = "With --reset-offsets: only print the new offsets (the default)")
  boolean dryRun;

  @Parameter(names = "--execute", description = "With --reset-offsets: commit the new offsets")
  boolean execute;

  @Override
  public CommandOptions common() {
    return common;
  }

  /** The one action asked for, with its arguments checked; throws with the rule that was broken. */
  @Override
  public GroupsRequest toRequest() throws UsageException {
    int actions = (list ? 1 : 0) + (describe ? 1 : 0) + (resetOffsets ? 1 : 0) + (delete ? 1 : 0);
    if (actions != 1) {
      throw UsageException.alone("give exactly one of --list, --describe, --reset-offsets, --delete");
    }
    CommandOptions.Connection where = common.toConnection();
    checkGroups();
    if (!describe && (offsets || members || verbose)) {
      throw UsageException.alone("--offsets, --members and --verbose go with --describe");
    }
    if (offsets && members) {
      throw UsageException.alone("give only one of --offsets, --members");
    }
    if (verbose && !members) {
      throw UsageException.alone("--verbose goes with --describe --members");
    }
    if (!resetOffsets && (!topics.isEmpty() || allTopics || targets() > 0 || dryRun || execute)) {
      throw UsageException.alone("--topic, --all-topics, " + TARGETS + ", --dry-run and --execute go with"
          + " --reset-offsets");
    }
    Optional<GroupsRequest.Reset> reset = resetOffsets ? Optional.of(reset()) : Optional.empty();
    GroupsRequest.Action action = list ? GroupsRequest.Action.LIST : describe ? GroupsRequest.Action.DESCRIBE
        : resetOffsets ? GroupsRequest.Action.RESET_OFFSETS : GroupsRequest.Action.DELETE;
    return new GroupsRequest(action, where, groups, allGroups, members, verbose, reset);
  }

  private void checkGroups() throws UsageException {
    String action = describe ? "--describe" : resetOffsets ? "--reset-offsets" : "--delete";
    if (list && (!groups.isEmpty() || allGroups)) {
      throw UsageException.alone("--group and --all-groups go with --describe, --reset-offsets and --delete");
    }
    if (!list && groups.isEmpty() && !allGroups) {
      throw UsageException.alone(action + " needs --group or --all-groups");
    }
    if (!groups.isEmpty() && allGroups) {
      throw UsageException.alone("give only one of --group, --all-groups");
    }
    for (String group : groups) {
      if (group.isEmpty()) {
        throw UsageException.alone("--group '' is invalid: give a group name");
      }
    }
  }

  private int targets() {
    return (toEarliest ? 1 : 0) + (toLatest ? 1 : 0) + (toOffset != null ? 1 : 0) + (toDatetime != null ? 1 : 0);
  }

  private GroupsRequest.Reset reset() throws UsageException {
    if (targets() != 1) {
      throw UsageException.alone("--reset-offsets needs exactly one of " + TARGETS);
    }
    if (topics.isEmpty() == !allTopics) {
      throw UsageException.alone("--reset-offsets needs exactly one of --topic, --all-topics");
    }
    if (dryRun && execute) {
      throw UsageException.alone("give only one of --dry-run, --execute");
    }
    List<GroupsRequest.TopicScope> scope = new ArrayList<>();
    for (String topic : topics) {
      scope.add(topicScope(topic));
    }
    GroupsRequest.Target target = toEarliest ? GroupsRequest.Target.EARLIEST : toLatest ? GroupsRequest.Target.LATEST
        : toOffset != null ? GroupsRequest.Target.OFFSET : GroupsRequest.Target.DATETIME;
    long value = toOffset != null ? offset(toOffset) : toDatetime != null ? datetime(toDatetime) : 0;
    return new GroupsRequest.Reset(scope, allTopics, target, value, execute, !dryRun && !execute);
  }

  /** {@code TOPIC} or {@code TOPIC:0,1,2}, as Kafka's tool reads {@code --topic}. */
  private static GroupsRequest.TopicScope topicScope(String value) throws UsageException {
    String rule = "--topic '" + value + "' is invalid: use TOPIC or TOPIC:PARTITION,PARTITION...";
    int colon = value.indexOf(':');
    String topic = colon < 0 ? value : value.substring(0, colon);
    if (topic.isEmpty()) {
      throw UsageException.alone(rule);
    }
    List<Integer> partitions = new ArrayList<>();
    if (colon >= 0) {
      for (String partition : value.substring(colon + 1).split(",", -1)) {
        try {
          int p = Integer.parseInt(partition.trim());
          if (p < 0) {
            throw UsageException.alone(rule);
          }
          partitions.add(p);
        } catch (NumberFormatException e) {
          throw UsageException.alone(rule);
        }
      }
    }
    return new GroupsRequest.TopicScope(topic, partitions);
  }

  private static long offset(String value) throws UsageException {
    try {
      long offset = Long.parseLong(value.trim());
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // the message below says the rule
    }
    throw UsageException.alone("--to-offset '" + value + "' is invalid: use an offset >= 0");
  }

  /** Kafka's own parser of {@code --to-datetime}, so that both tools read a time alike. */
  private static long datetime(String value) throws UsageException {
    try {
      return Utils.getDateTime(value);
    } catch (ParseException | IllegalArgumentException e) {
      throw UsageException.alone("--to-datetime '" + value + "' is invalid: use YYYY-MM-DDTHH:mm:SS.sss, with an"
          + " optional zone (Z, +02:00; UTC without one)");
    }
  }
}
