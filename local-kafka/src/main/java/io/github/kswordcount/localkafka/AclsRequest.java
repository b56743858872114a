package io.github.kswordcount.localkafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/**
 * One validated {@code acls} command.
 *
 * @param action what to do
 * @param bootstrapServers the brokers
 * @param commandConfig the Admin client's properties file, if given
 * @param resources the resources (for add, with a literal or prefixed pattern), or none to list every ACL
 * @param entries the ACL entries to add or remove on each resource; none to remove every ACL of the resources
 */
record AclsRequest(Action action, String bootstrapServers, Optional<Path> commandConfig,
    List<ResourcePatternFilter> resources, List<AccessControlEntry> entries) {

  AclsRequest {
    resources = List.copyOf(resources);
    entries = List.copyOf(entries);
  }

  /** The three actions of {@code kafka-acls} this tool has. */
  enum Action { ADD, REMOVE, LIST }
}
