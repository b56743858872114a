package io.github.kswordcount.localkafka;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/**
 * {@code java -jar local-kafka.jar acls ...}: {@code kafka-acls} for people without a Kafka distribution, against
 * any Kafka with an authorizer. {@code --add}, {@code --remove} and {@code --list} print what Kafka's tool prints
 * on stdout ({@code Adding ACLs for resource ...}, then {@code Current ACLs for resource ...}), in a stable order
 * (resources, then entries, sorted; Kafka's tool prints them in hash order). After a change the listing waits
 * until the broker answers with it, where Kafka's tool may list the ACLs as they were. Errors are one
 * {@code error:} line on stderr and exit 1 (usage errors exit 2).
 */
final class AclsCommand {
  private static final Comparator<ResourcePattern> BY_RESOURCE = Comparator.comparing(ResourcePattern::toString);
  private static final Comparator<AccessControlEntry> BY_ENTRY = Comparator.comparing(AccessControlEntry::toString);
  private static final long POLL_MILLIS = 50;

  private AclsCommand() {
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return AdminCommand.run("acls", new AclsOptions(), AclsCommand::execute, args, out, err);
  }

  private static void execute(Admin admin, AclsRequest request, PrintStream out)
      throws ExecutionException, InterruptedException, TimeoutException {
    switch (request.action()) {
      case ADD -> add(admin, request, out);
      case REMOVE -> remove(admin, request);
      case LIST -> { }
      default -> throw new IllegalStateException("unknown action " + request.action());
    }
    print(out, "Current", describe(admin, request.resources()));
  }

  private static void add(Admin admin, AclsRequest request, PrintStream out)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<AclBinding> added = new ArrayList<>();
    Map<ResourcePattern, Set<AccessControlEntry>> byResource = new TreeMap<>(BY_RESOURCE);
    for (ResourcePatternFilter filter : request.resources()) {
      byResource.computeIfAbsent(new ResourcePattern(filter.resourceType(), filter.name(), filter.patternType()),
          r -> new TreeSet<>(BY_ENTRY)).addAll(request.entries());
    }
    for (Map.Entry<ResourcePattern, Set<AccessControlEntry>> resource : byResource.entrySet()) {
      printBlock(out, "Adding", resource.getKey(), resource.getValue());
      List<AclBinding> bindings = resource.getValue().stream().map(e -> new AclBinding(resource.getKey(), e))
          .collect(Collectors.toList());
      admin.createAcls(bindings).all().get(AdminCommand.TIMEOUT_MS, TimeUnit.MILLISECONDS);
      added.addAll(bindings);
    }
    awaitListing(admin, request.resources(), listed -> listed.containsAll(added));
  }

  private static void remove(Admin admin, AclsRequest request)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<AclBindingFilter> filters = new ArrayList<>();
    for (ResourcePatternFilter resource : request.resources()) {
      if (request.entries().isEmpty()) {
        filters.add(new AclBindingFilter(resource, AccessControlEntryFilter.ANY));
      } else {
        request.entries().forEach(e -> filters.add(new AclBindingFilter(resource, e.toFilter())));
      }
    }
    Collection<AclBinding> removed = admin.deleteAcls(filters).all()
        .get(AdminCommand.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    awaitListing(admin, request.resources(), listed -> removed.stream().noneMatch(listed::contains));
  }

  /**
   * Polls the listing until it shows the change: the controller has committed it, but the broker that answers
   * describeAcls applies it a moment later.
   */
  private static void awaitListing(Admin admin, List<ResourcePatternFilter> resources, Predicate<Set<AclBinding>> done)
      throws ExecutionException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AdminCommand.TIMEOUT_MS);
    while (!done.test(bindings(admin, resources))) {
      if (System.nanoTime() - deadline >= 0) {
        throw new TimeoutException("the broker did not list the change within "
            + AdminCommand.TIMEOUT_MS / 1000 + " s");
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private static Set<AclBinding> bindings(Admin admin, List<ResourcePatternFilter> resources)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<AclBindingFilter> filters = resources.isEmpty() ? List.of(AclBindingFilter.ANY)
        : resources.stream().map(r -> new AclBindingFilter(r, AccessControlEntryFilter.ANY)).toList();
    Set<AclBinding> all = new HashSet<>();
    for (AclBindingFilter filter : filters) {
      all.addAll(admin.describeAcls(filter).values().get(AdminCommand.TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }
    return all;
  }

  /** The ACLs of the resources (all ACLs when none is given), by resource pattern. */
  private static Map<ResourcePattern, Set<AccessControlEntry>> describe(Admin admin,
      List<ResourcePatternFilter> resources) throws ExecutionException, InterruptedException, TimeoutException {
    Map<ResourcePattern, Set<AccessControlEntry>> byResource = new TreeMap<>(BY_RESOURCE);
    for (AclBinding binding : bindings(admin, resources)) {
      byResource.computeIfAbsent(binding.pattern(), r -> new TreeSet<>(BY_ENTRY)).add(binding.entry());
    }
    return byResource;
  }

  private static void print(PrintStream out, String heading, Map<ResourcePattern, Set<AccessControlEntry>> acls) {
    acls.forEach((resource, entries) -> printBlock(out, heading, resource, entries));
  }

  /** kafka-acls' block, its stray spaces included: {@code s"... `$resource`: $nl ${acls.mkString} $nl"}, println. */
  private static void printBlock(PrintStream out, String heading, ResourcePattern resource,
      Collection<AccessControlEntry> entries) {
    String lines = entries.stream().map(e -> "\t" + e).collect(Collectors.joining("\n"));
    out.print(heading + " ACLs for resource `" + resource + "`: \n " + lines + " \n\n");
  }
}
