package io.github.kswordcount.localkafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The properties of one node, tuned for a single machine: a combined broker+controller, or with fewer
 * controllers than nodes, a broker only (the nodes after the controllers).
 */
final class NodeConfig {
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String PLAIN_LISTENER = "PLAINTEXT";
  private static final String HOST = PortReservation.HOST;

  private NodeConfig() {
  }

  /**
   * The properties of node {@code index}; {@code overrides} are applied last and win.
   *
   * @param index     node id and position in {@code ports}
   * @param ports     every node's ports: the static quorum lists the first {@code controllers}
   * @param controllers how many of the nodes, the first ones, are controllers too
   * @param dir       the node's log and metadata directory
   * @param security  the secured mode, or empty for a PLAINTEXT listener open to everyone
   * @param overrides user-supplied broker properties
   */
  static Map<String, String> of(int index, List<NodePorts> ports, int controllers, Path dir,
      Optional<ScramSecurity> security, Map<String, String> overrides) {
    int nodes = ports.size();
    // The listener's name is its protocol, as in Kafka's sample configs.
    String listener = security.isPresent() ? ScramSecurity.LISTENER : PLAIN_LISTENER;
    int replication = Math.min(nodes, 3);
    NodePorts own = ports.get(index);
    Map<String, String> props = new LinkedHashMap<>();
    props.put("node.id", Integer.toString(index));
    boolean controller = index < controllers;
    props.put("process.roles", controller ? "broker,controller" : "broker");
    props.put("listeners", listener + "://" + HOST + ":" + own.broker()
        + (controller ? "," + CONTROLLER_LISTENER + "://" + HOST + ":" + own.controller() : ""));
    props.put("advertised.listeners", listener + "://" + HOST + ":" + own.broker());
    props.put("listener.security.protocol.map", listener + ":" + listener + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", listener);
    security.ifPresent(s -> props.putAll(s.brokerConfig()));
    props.put("controller.quorum.voters", voters(ports.subList(0, controllers)));
    props.put("log.dirs", dir.toString());
    props.put("metadata.log.dir", dir.toString());
    // Tests create every topic they use: a typo must fail, not silently make a new topic.
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "1");
    props.put("default.replication.factor", Integer.toString(replication));
    props.put("offsets.topic.replication.factor", Integer.toString(replication));
    props.put("transaction.state.log.replication.factor", Integer.toString(replication));
    props.put("transaction.state.log.min.isr", Integer.toString(Math.min(nodes, 2)));
    // Few internal partitions: each costs start-up time and files, and one machine needs no spread.
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("group.initial.rebalance.delay.ms", "0");
    // The default (128 MiB) is heap taken per broker even when nothing is compacted.
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
    props.putAll(overrides);
    return props;
  }

  private static String voters(List<NodePorts> ports) {
    return IntStream.range(0, ports.size())
        .mapToObj(i -> i + "@" + HOST + ":" + ports.get(i).controller())
        .collect(Collectors.joining(","));
  }
}
