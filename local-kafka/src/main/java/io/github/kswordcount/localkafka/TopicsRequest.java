package io.github.kswordcount.localkafka;

import java.util.Map;
import java.util.Optional;

/**
 * One validated {@code topics} command.
 *
 * @param action what to do
 * @param connection where to connect
 * @param topic the topic name (create) or name pattern (list, describe, delete)
 * @param partitions partitions of a new topic, or the broker's default
 * @param replicationFactor replicas of a new topic, or the broker's default
 * @param configs topic configs of a new topic
 * @param ifNotExists whether an existing topic is fine for create
 * @param ifExists whether no match is fine for describe and delete
 * @param excludeInternal whether internal topics are left out
 */
record TopicsRequest(Action action, CommandOptions.Connection connection, Optional<String> topic,
    Optional<Integer> partitions, Optional<Short> replicationFactor, Map<String, String> configs, boolean ifNotExists,
    boolean ifExists, boolean excludeInternal)
    implements AdminCommand.Request {

  /** The four actions of {@code kafka-topics} this tool has. */
  enum Action { CREATE, LIST, DESCRIBE, DELETE }
}
