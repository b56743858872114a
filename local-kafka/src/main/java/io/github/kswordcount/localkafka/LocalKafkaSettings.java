package io.github.kswordcount.localkafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code local-kafka.jar} was asked to run, validated.
 *
 * @param port    broker port (node i of 3 gets port + i); 0 picks a free one
 * @param dataDir directory to keep and reuse; empty for a temporary one
 * @param topics  topics to create at start, each name once
 * @param nodes   1 or 3
 * @param controllers how many of the nodes are controllers too: 1 or all
 * @param users   SCRAM users, the super user first; empty for a cluster open to every client
 */
record LocalKafkaSettings(int port, Optional<Path> dataDir, List<TopicSpec> topics, int nodes, int controllers,
    List<ScramUser> users) {

  LocalKafkaSettings {
    topics = List.copyOf(topics);
    users = List.copyOf(users);
  }

  /** The cluster these settings describe, not yet started. */
  LocalKafka toLocalKafka() {
    LocalKafka.Builder builder = LocalKafka.builder().port(port).nodes(nodes).controllers(controllers);
    dataDir.ifPresent(builder::dataDir);
    topics.forEach(topic -> builder.topic(topic.name(), topic.partitions()));
    users.forEach(user -> builder.user(user.name(), user.password()));
    return builder.build();
  }
}
