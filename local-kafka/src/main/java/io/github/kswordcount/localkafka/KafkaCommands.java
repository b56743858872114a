package io.github.kswordcount.localkafka;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.tools.TopicCommand;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;

/**
 * {@code java -jar local-kafka.jar topics|groups|acls ...}: Kafka 3.9's own {@code kafka-topics},
 * {@code kafka-consumer-groups} and {@code kafka-acls} ({@code TopicCommand}, {@code ConsumerGroupCommand},
 * {@code AclCommand}), run in this JVM by {@link KafkaTool}, against any Kafka: their flags, output, errors and exit
 * statuses. What local-kafka adds: a topic made by {@code topics --create} can take a produce when the command
 * returns, and {@code acls} run by a user who may not describe or change ACLs says so in one line
 * ({@link AclRefusal}).
 */
final class KafkaCommands {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Map<String, KafkaTool.Main> TOOLS = Map.of("topics", TopicCommand::main,
      "groups", ConsumerGroupCommand::main, "acls", kafka.admin.AclCommand::main);

  private KafkaCommands() {
  }

  static boolean has(String command) {
    return TOOLS.containsKey(command);
  }

  /** Runs the command {@code args[0]} with the rest of {@code args}; returns the Kafka tool's exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String[] toolArgs = Arrays.copyOfRange(args, 1, args.length);
    int status = KafkaTool.run(TOOLS.get(args[0]), toolArgs, out, err,
        args[0].equals("acls") ? AclRefusal.of(toolArgs) : line -> null);
    if (status != 0 || !args[0].equals("topics") || !Arrays.asList(toolArgs).contains("--create")) {
      return status;
    }
    return KafkaTool.run(created -> {
      // Valid for TopicCommand a moment ago: parsed again, they print nothing.
      TopicCommand.TopicCommandOptions options = new TopicCommand.TopicCommandOptions(created);
      afterCreate(options.bootstrapServer().orElseThrow(), options.commandConfig(), List.of(options.topic().get()));
    }, toolArgs, out, err);
  }

  /**
   * Called once {@code topics --create} has created (or, with --if-not-exists, found) {@code topics}: returns when
   * every partition's leader can take a produce, as {@link LocalKafka#createTopic} does (KAFKA-15591).
   */
  static void afterCreate(String bootstrap, Properties commandConfig, List<String> topics) throws Exception {
    Properties config = new Properties();
    config.putAll(commandConfig);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(config)) {
      Deadline deadline = Deadline.after(READY_TIMEOUT);
      Map<String, Integer> partitions = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get(deadline.remainingMillis(), TimeUnit.MILLISECONDS)
          .forEach((topic, description) -> partitions.put(topic, description.partitions().size()));
      TopicReadiness.awaitReady(admin, partitions, deadline);
    }
  }
}
