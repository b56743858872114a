package io.github.kswordcount.localkafka;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import io.github.kswordcount.consolekit.UsageException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.Resource;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.utils.SecurityUtils;
import org.apache.kafka.security.authorizer.AclEntry;

/** The {@code acls} command line, as {@code kafka-acls} takes it for the actions and resources it shares. */
final class AclsOptions implements AdminCommand.Options<AclsRequest> {

  @ParametersDelegate
  final CommandOptions common = new CommandOptions();

  @Parameter(names = "--add", description = "Add the ACLs: each principal, each operation, on each resource")
  boolean add;

  @Parameter(names = "--remove", description = "Remove the matching ACLs (every ACL of the resources when no"
      + " principal is given); never asks for confirmation")
  boolean remove;

  @Parameter(names = "--list", description = "List the ACLs of the resources given, or all ACLs")
  boolean list;

  @Parameter(names = "--allow-principal", description = "A principal to allow, TYPE:NAME such as User:alice"
      + " (User:* is every user); repeatable", splitter = WholeValue.class)
  List<String> allowPrincipals = new ArrayList<>();

  @Parameter(names = "--deny-principal", description = "A principal to deny, TYPE:NAME; repeatable. A DENY beats"
      + " every ALLOW", splitter = WholeValue.class)
  List<String> denyPrincipals = new ArrayList<>();

  @Parameter(names = "--operation", description = "An operation to allow or deny: Read, Write, Create, Delete,"
      + " Alter, Describe, ClusterAction, DescribeConfigs, AlterConfigs, IdempotentWrite, CreateTokens,"
      + " DescribeTokens or All (the default); repeatable", splitter = WholeValue.class)
  List<String> operations = new ArrayList<>();

  @Parameter(names = "--topic", description = "A topic resource ('*' is every topic); repeatable",
      splitter = WholeValue.class)
  List<String> topics = new ArrayList<>();

  @Parameter(names = "--group", description = "A consumer group resource ('*' is every group); repeatable",
      splitter = WholeValue.class)
  List<String> groups = new ArrayList<>();

  @Parameter(names = "--transactional-id", description = "A transactional id resource ('*' is every id); repeatable",
      splitter = WholeValue.class)
  List<String> transactionalIds = new ArrayList<>();

  @Parameter(names = "--cluster", description = "The cluster resource")
  boolean cluster;

  @Parameter(names = "--resource-pattern-type", description = "How resource names match: literal or prefixed"
      + " (a name is a prefix); to list or remove also any (either) or match (every ACL that applies to the names)")
  String resourcePatternType = "literal";

  @Parameter(names = "--force", description = "Accepted for kafka-acls scripts: --remove never asks anyway")
  boolean force;

  @Override
  public CommandOptions common() {
    return common;
  }

  /** The one action asked for, with its arguments checked; throws with the rule that was broken. */
  @Override
  public AclsRequest toRequest() throws UsageException {
    int actions = (add ? 1 : 0) + (remove ? 1 : 0) + (list ? 1 : 0);
    if (actions != 1) {
      throw UsageException.alone("give exactly one of --add, --remove, --list");
    }
    CommandOptions.Connection where = common.toConnection();
    if (list && (!allowPrincipals.isEmpty() || !denyPrincipals.isEmpty() || !operations.isEmpty())) {
      throw UsageException.alone("--allow-principal, --deny-principal and --operation go with --add and --remove");
    }
    PatternType patternType = patternType();
    List<ResourcePatternFilter> resources = resources(patternType);
    if (!list && resources.isEmpty()) {
      throw UsageException.alone((add ? "--add" : "--remove")
          + " needs a resource: --topic, --group, --transactional-id or --cluster");
    }
    Set<AccessControlEntry> entries = entries();
    if (add && entries.isEmpty()) {
      throw UsageException.alone("--add needs --allow-principal or --deny-principal");
    }
    checkOperations(resources, entries);
    AclsRequest.Action action = add ? AclsRequest.Action.ADD : remove ? AclsRequest.Action.REMOVE
        : AclsRequest.Action.LIST;
    return new AclsRequest(action, where, resources, List.copyOf(entries));
  }

  private PatternType patternType() throws UsageException {
    PatternType type = PatternType.fromString(resourcePatternType.trim().toUpperCase(Locale.ROOT));
    if (type == PatternType.UNKNOWN) {
      throw UsageException.alone("--resource-pattern-type '" + resourcePatternType
          + "' is invalid: use literal, prefixed, any or match");
    }
    if (add && !type.isSpecific()) {
      throw UsageException.alone("--resource-pattern-type '" + resourcePatternType
          + "' is invalid with --add: use literal or prefixed");
    }
    if (cluster && type != PatternType.LITERAL) {
      throw UsageException.alone("--cluster takes only --resource-pattern-type literal");
    }
    return type;
  }

  /** Each resource once, in the order kafka-acls builds them: topics, the cluster, groups, transactional ids. */
  private List<ResourcePatternFilter> resources(PatternType type) throws UsageException {
    Set<ResourcePatternFilter> filters = new LinkedHashSet<>();
    for (String topic : topics) {
      filters.add(new ResourcePatternFilter(ResourceType.TOPIC, name("--topic", topic), type));
    }
    if (cluster) {
      filters.add(new ResourcePatternFilter(ResourceType.CLUSTER, Resource.CLUSTER_NAME, PatternType.LITERAL));
    }
    for (String group : groups) {
      filters.add(new ResourcePatternFilter(ResourceType.GROUP, name("--group", group), type));
    }
    for (String id : transactionalIds) {
      filters.add(new ResourcePatternFilter(ResourceType.TRANSACTIONAL_ID, name("--transactional-id", id), type));
    }
    return List.copyOf(filters);
  }

  private static String name(String option, String value) throws UsageException {
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      throw UsageException.alone(option + " '" + value + "' is invalid: give a name, or '*' for all");
    }
    return trimmed;
  }

  /** Principals times operations, each from every host, as kafka-acls builds them (operation All by default). */
  private Set<AccessControlEntry> entries() throws UsageException {
    List<AclOperation> ops = new ArrayList<>();
    for (String operation : operations.isEmpty() ? List.of("All") : operations) {
      ops.add(operation(operation));
    }
    Set<AccessControlEntry> entries = new LinkedHashSet<>();
    addEntries(entries, "--allow-principal", allowPrincipals, ops, AclPermissionType.ALLOW);
    addEntries(entries, "--deny-principal", denyPrincipals, ops, AclPermissionType.DENY);
    return entries;
  }

  private static void addEntries(Set<AccessControlEntry> entries, String option, List<String> principals,
      List<AclOperation> ops, AclPermissionType permission) throws UsageException {
    for (String value : principals) {
      KafkaPrincipal principal = principal(option, value);
      for (AclOperation op : ops) {
        entries.add(new AccessControlEntry(principal.toString(), AclEntry.WILDCARD_HOST, op, permission));
      }
    }
  }

  private static KafkaPrincipal principal(String option, String value) throws UsageException {
    try {
      KafkaPrincipal principal = SecurityUtils.parseKafkaPrincipal(value.trim());
      if (!principal.getName().isEmpty()) {
        return principal;
      }
    } catch (IllegalArgumentException e) {
      // the message below says the rule
    }
    throw UsageException.alone(option + " '" + value + "' is invalid: use TYPE:NAME, e.g. User:alice");
  }

  private static AclOperation operation(String value) throws UsageException {
    AclOperation op = SecurityUtils.operation(value.trim());
    if (!AclEntry.ACL_OPERATIONS.contains(op)) {
      throw UsageException.alone("--operation '" + value + "' is invalid: use one of " + names(AclEntry.ACL_OPERATIONS));
    }
    return op;
  }

  /** Kafka refuses, for instance, Write on a group: say so before anything is sent. */
  private static void checkOperations(List<ResourcePatternFilter> resources, Set<AccessControlEntry> entries)
      throws UsageException {
    for (ResourcePatternFilter resource : resources) {
      Set<AclOperation> valid = new HashSet<>(AclEntry.supportedOperations(resource.resourceType()));
      valid.add(AclOperation.ALL);
      for (AccessControlEntry entry : entries) {
        if (!valid.contains(entry.operation())) {
          throw UsageException.alone(String.format(Locale.ROOT, "--operation '%s' does not apply to a %s: use one of %s",
              SecurityUtils.operationName(entry.operation()), typeName(resource.resourceType()), names(valid)));
        }
      }
    }
  }

  private static String typeName(ResourceType type) {
    return SecurityUtils.resourceTypeName(type).replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  private static String names(Set<AclOperation> operations) {
    Set<String> sorted = new TreeSet<>();
    operations.forEach(op -> sorted.add(SecurityUtils.operationName(op)));
    return String.join(", ", sorted);
  }
}
