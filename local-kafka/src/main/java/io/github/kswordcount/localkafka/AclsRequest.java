package io.github.kswordcount.localkafka;

import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/**
 * One validated {@code acls} command.
 *
 * @param action what to do
 * @param connection where to connect
 * @param resources the resources (for add, with a literal or prefixed pattern), or none to list every ACL
 * @param entries the ACL entries to add or remove on each resource; none to remove every ACL of the resources
 */
record AclsRequest(Action action, CommandOptions.Connection connection, List<ResourcePatternFilter> resources,
    List<AccessControlEntry> entries) implements AdminCommand.Request {

  AclsRequest {
    resources = List.copyOf(resources);
    entries = List.copyOf(entries);
  }

  /** The three actions of {@code kafka-acls} this tool has. */
  enum Action { ADD, REMOVE, LIST }
}
