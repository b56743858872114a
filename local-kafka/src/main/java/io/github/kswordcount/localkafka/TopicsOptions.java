package io.github.kswordcount.localkafka;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import io.github.kswordcount.consolekit.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code topics} command line, as {@code kafka-topics} takes it for the actions it shares. */
final class TopicsOptions implements AdminCommand.Options<TopicsRequest> {

  @ParametersDelegate
  final CommandOptions common = new CommandOptions();

  @Parameter(names = "--create", description = "Create a topic")
  boolean create;

  @Parameter(names = "--list", description = "List the topics (all, or those matching --topic)")
  boolean list;

  @Parameter(names = "--describe", description = "Describe the topics (all, or those matching --topic)")
  boolean describe;

  @Parameter(names = "--delete", description = "Delete the topics matching --topic")
  boolean delete;

  @Parameter(names = "--topic", description = "The topic; with --list, --describe and --delete a Java regex")
  String topic;

  @Parameter(names = "--partitions", description = "Partitions of a new topic (default: the broker's num.partitions)")
  Integer partitions;

  @Parameter(names = "--replication-factor",
      description = "Replicas of each partition of a new topic (default: the broker's default.replication.factor)")
  Integer replicationFactor;

  @Parameter(names = "--config", description = "A topic config key=value for --create; repeatable",
      splitter = WholeValue.class)
  List<String> configs = new ArrayList<>();

  @Parameter(names = "--if-not-exists", description = "With --create: do nothing when the topic exists")
  boolean ifNotExists;

  @Parameter(names = "--if-exists", description = "With --delete or --describe: do nothing when no topic matches")
  boolean ifExists;

  @Parameter(names = "--exclude-internal", description = "Leave internal topics (__consumer_offsets...) out")
  boolean excludeInternal;

  @Override
  public CommandOptions common() {
    return common;
  }

  /** The one action asked for, with its arguments checked; throws with the rule that was broken. */
  @Override
  public TopicsRequest toRequest() throws UsageException {
    int actions = (create ? 1 : 0) + (list ? 1 : 0) + (describe ? 1 : 0) + (delete ? 1 : 0);
    if (actions != 1) {
      throw UsageException.alone("give exactly one of --create, --list, --describe, --delete");
    }
    CommandOptions.Connection where = common.toConnection();
    if ((create || delete) && topic == null) {
      throw UsageException.alone((create ? "--create" : "--delete") + " needs --topic");
    }
    if (!create && (partitions != null || replicationFactor != null || !configs.isEmpty() || ifNotExists)) {
      throw UsageException.alone("--partitions, --replication-factor, --config and --if-not-exists go with --create");
    }
    if (partitions != null && partitions < 1) {
      throw UsageException.alone("--partitions '" + partitions + "' is invalid: use a number >= 1");
    }
    if (replicationFactor != null && (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE)) {
      throw UsageException.alone("--replication-factor '" + replicationFactor + "' is invalid: use 1 to 32767");
    }
    TopicsRequest.Action action = create ? TopicsRequest.Action.CREATE : list ? TopicsRequest.Action.LIST
        : describe ? TopicsRequest.Action.DESCRIBE : TopicsRequest.Action.DELETE;
    return new TopicsRequest(action, where, Optional.ofNullable(topic),
        Optional.ofNullable(partitions),
        Optional.ofNullable(replicationFactor).map(Integer::shortValue), configs(), ifNotExists, ifExists,
        excludeInternal);
  }

  private Map<String, String> configs() throws UsageException {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String config : configs) {
      int eq = config.indexOf('=');
      if (eq <= 0) {
        throw UsageException.alone("--config '" + config + "' is invalid: use key=value");
      }
      parsed.put(config.substring(0, eq), config.substring(eq + 1));
    }
    return parsed;
  }
}
