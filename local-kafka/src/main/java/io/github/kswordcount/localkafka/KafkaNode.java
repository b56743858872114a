package io.github.kswordcount.localkafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One combined broker+controller node: formats its directory once, then starts and stops on demand. */
final class KafkaNode {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);

  private final int index;
  private final Path dir;
  private final Map<String, String> config;
  private KafkaRaftServer server;

  KafkaNode(int index, Path dir, Map<String, String> config) {
    this.index = index;
    this.dir = dir;
    this.config = Map.copyOf(config);
  }

  int index() {
    return index;
  }

  /**
   * Writes meta.properties and the bootstrap metadata, as {@code kafka-storage.sh format} does; in secured
   * mode the bootstrap metadata holds every user's SCRAM credentials ({@code --add-scram}).
   */
  void format(String clusterId, Optional<ScramSecurity> security) {
    try {
      new Formatter()
          // The formatter reports to stdout, which carries only the ready line.
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
          .setNodeId(index)
          .setClusterId(clusterId)
          .addDirectory(dir.toString())
          .setMetadataLogDirectory(dir.toString())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setControllerListenerName(NodeConfig.CONTROLLER_LISTENER)
          .setScramArguments(security.map(ScramSecurity::formatterArguments).orElse(List.of()))
          .run();
    } catch (Exception e) {
      String message = "cannot format Kafka storage in '" + dir + "': ";
      if (security.isEmpty()) {
        throw new LocalKafkaException(message + e.getMessage(), e);
      }
      // Kafka's SCRAM parser quotes its argument in messages: mask it, and keep the cause (and its trace) out.
      throw new LocalKafkaException(message + security.get().mask(e.getMessage()));
    }
    LOG.info("Formatted node {} in {} (cluster {})", index, dir, clusterId);
  }

  /** Starts the node and blocks until Kafka's startup returns; with 3 voters that needs the quorum. */
  void start() {
    KafkaRaftServer created;
    synchronized (this) {
      if (server != null) {
        return;
      }
      created = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
      server = created;
    }
    // Outside the lock: a lone voter's startup blocks until its peers start too.
    created.startup();
    LOG.info("Started node {} at {}", index, config.get("listeners"));
  }

  /** Shuts the node down and waits for it; does nothing if it isn't running. */
  void stop() {
    KafkaRaftServer running;
    synchronized (this) {
      running = server;
      server = null;
    }
    if (running != null) {
      running.shutdown();
      running.awaitShutdown();
      LOG.info("Stopped node {}", index);
    }
  }

  /**
   * Shuts down the node's broker part only (its controlled shutdown included), leaving its controller to the later
   * {@link #stop()}: what Kafka's own test kit ({@code KafkaClusterTestKit.close}) does for a whole cluster, brokers
   * first, then controllers. {@code KafkaRaftServer} stops its broker first too, but nodes stopped side by side
   * each stop their controller once their own broker is done, and the broker still waiting for its controlled
   * shutdown may find no quorum left to approve it (Kafka then waits up to 5 minutes). Does nothing if the node is
   * not running; {@code stop()} later skips the broker part, already down.
   */
  void stopBroker() {
    KafkaRaftServer running;
    synchronized (this) {
      running = server;
    }
    if (running != null) {
      brokerOf(running).ifPresent(broker -> broker.shutdown());
    }
  }

  /** The broker part of a node: a private field of Kafka's server, read here as Kafka 3.9 names it. */
  private static Optional<BrokerServer> brokerOf(KafkaRaftServer server) {
    try {
      Field field = KafkaRaftServer.class.getDeclaredField("broker");
      field.setAccessible(true);
      scala.Option<?> broker = (scala.Option<?>) field.get(server);
      return broker.isDefined() ? Optional.of((BrokerServer) broker.get()) : Optional.empty();
    } catch (ReflectiveOperationException | ClassCastException e) {
      // Another Kafka version: fall back to stopping each node whole, which needs no access.
      LOG.warn("Cannot reach the broker part of a Kafka node ({}); nodes stop whole", e.toString());
      return Optional.empty();
    }
  }

  synchronized boolean isRunning() {
    return server != null;
  }
}
