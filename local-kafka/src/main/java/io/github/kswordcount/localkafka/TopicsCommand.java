package io.github.kswordcount.localkafka;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * {@code java -jar local-kafka.jar topics ...}: {@code kafka-topics} for people without a Kafka
 * distribution, against any Kafka. {@code --create}, {@code --list}, {@code --describe} and {@code --delete}
 * print what Kafka's tool prints on stdout; errors are one {@code error:} line on stderr and exit 1 (usage
 * errors exit 2).
 */
final class TopicsCommand {
  private TopicsCommand() {
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return AdminCommand.run("topics", new TopicsOptions(), TopicsCommand::execute, args, out, err);
  }

  private static void execute(Admin admin, TopicsRequest request, PrintStream out)
      throws ExecutionException, InterruptedException, TimeoutException {
    switch (request.action()) {
      case CREATE -> create(admin, request, out);
      case LIST -> matching(admin, request).forEach(out::println);
      case DESCRIBE -> describe(admin, existing(admin, request), out);
      case DELETE -> delete(admin, existing(admin, request));
      default -> throw new IllegalStateException("unknown action " + request.action());
    }
  }

  private static void create(Admin admin, TopicsRequest request, PrintStream out)
      throws ExecutionException, InterruptedException, TimeoutException {
    String name = request.topic().orElseThrow();
    NewTopic topic = new NewTopic(name, request.partitions(), request.replicationFactor()).configs(request.configs());
    try {
      admin.createTopics(List.of(topic)).all().get(AdminCommand.TIMEOUT_MS, TimeUnit.MILLISECONDS);
      out.println("Created topic " + name + ".");
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException && request.ifNotExists())) {
        throw e;
      }
    }
  }

  /** Topic names in order, matching {@code --topic} as a regex when given. */
  private static List<String> matching(Admin admin, TopicsRequest request)
      throws ExecutionException, InterruptedException, TimeoutException {
    Collection<String> names = admin.listTopics(new ListTopicsOptions().listInternal(!request.excludeInternal()))
        .names().get(AdminCommand.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Pattern pattern = request.topic().map(Pattern::compile).orElse(null);
    return names.stream().filter(n -> pattern == null || pattern.matcher(n).matches()).sorted()
        .collect(Collectors.toList());
  }

  /** Like {@link #matching}, but a pattern that matches nothing is an error unless {@code --if-exists}. */
  private static List<String> existing(Admin admin, TopicsRequest request)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<String> names = matching(admin, request);
    if (names.isEmpty() && request.topic().isPresent() && !request.ifExists()) {
      throw new IllegalArgumentException("Topic '" + request.topic().get() + "' does not exist as expected");
    }
    return names;
  }

  private static void delete(Admin admin, List<String> names)
      throws ExecutionException, InterruptedException, TimeoutException {
    admin.deleteTopics(names).all().get(AdminCommand.TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private static void describe(Admin admin, List<String> names, PrintStream out)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<String, TopicDescription> descriptions =
        admin.describeTopics(names).allTopicNames().get(AdminCommand.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    List<ConfigResource> resources = new ArrayList<>();
    names.forEach(n -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, n)));
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all()
        .get(AdminCommand.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    for (String name : names) {
      TopicDescription d = descriptions.get(name);
      String nonDefault = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).entries().stream()
          .filter(c -> !c.isDefault()).map(c -> c.name() + "=" + c.value()).collect(Collectors.joining(","));
      // The layout of kafka-topics --describe (Kafka 3.9).
      out.println("Topic: " + name + "\tTopicId: " + d.topicId() + "\tPartitionCount: " + d.partitions().size()
          + "\tReplicationFactor: " + d.partitions().get(0).replicas().size() + "\tConfigs: " + nonDefault);
      for (TopicPartitionInfo p : d.partitions()) {
        out.println("\tTopic: " + name + "\tPartition: " + p.partition()
            + "\tLeader: " + (p.leader() == null || p.leader().id() < 0 ? "none" : p.leader().id())
            + "\tReplicas: " + ids(p.replicas()) + "\tIsr: " + ids(p.isr())
            + "\tElr: " + (p.elr() == null ? "N/A" : ids(p.elr()))
            + "\tLastKnownElr: " + (p.lastKnownElr() == null ? "N/A" : ids(p.lastKnownElr())));
      }
    }
  }

  private static String ids(List<Node> nodes) {
    return nodes.stream().map(n -> Integer.toString(n.id())).collect(Collectors.joining(","));
  }
}
