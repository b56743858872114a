package io.github.kswordcount.localkafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster (KRaft, 1 or 3 nodes, each a broker and a controller unless fewer controllers are
 * asked for) running in this JVM on 127.0.0.1;
 * open to every client, or secured with SASL/SCRAM and ACLs when the builder is given users.
 */
public final class LocalKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_PORT = 65_535;

  private final int port;
  private final Path requestedDataDir;
  private final int nodeCount;
  private final int controllers;
  private final Map<String, Integer> startTopics;
  private final Map<String, String> brokerConfig;
  private final Optional<ScramSecurity> security;

  private DataDir dataDir;
  private List<NodePorts> ports;
  private Cluster cluster;
  private ClusterAdmin admin;
  private boolean started;
  private boolean closed;

  private LocalKafka(Builder builder) {
    this.port = builder.port;
    this.requestedDataDir = builder.dataDir;
    this.nodeCount = builder.nodes;
    this.controllers = builder.controllers == 0 ? builder.nodes : builder.controllers;
    if (controllers > nodeCount) {
      throw new IllegalArgumentException("controllers (" + controllers + ") must not exceed nodes (" + nodeCount + ")");
    }
    this.startTopics = Map.copyOf(builder.topics);
    this.brokerConfig = Map.copyOf(builder.brokerConfig);
    this.security = builder.users.isEmpty() ? Optional.empty() : Optional.of(new ScramSecurity(builder.users));
  }

  /**
   * Starts describing a cluster: one node, free ports, a temporary data directory, no topics.
   *
   * <pre>{@code
   * try (LocalKafka kafka = LocalKafka.builder().topic("lines", 2).build().start()) {
   *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
   * }
   * }</pre>
   *
   * <p>Secured, with a super user and one more user:
   *
   * <pre>{@code
   * try (LocalKafka kafka = LocalKafka.builder().user("admin", "admin-secret").user("alice", "alice-secret")
   *     .build().start()) {
   *     consumerProps.putAll(kafka.clientConfig("alice"));
   * }
   * }</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Formats storage where needed, starts every node and blocks until clients can use the cluster: all
   * brokers are registered and every topic given to the builder exists with a leader for each partition.
   *
   * <p>From then on a Kafka call to {@code Exit.exit}/{@code Exit.halt} is logged and refused with an
   * exception, so a broker fault never ends this JVM. On failure everything started so far is stopped
   * and a temporary data directory is deleted.
   *
   * @return this, ready
   * @throws LocalKafkaException   with a one-line message when a port is taken, the data directory can't be
   *                               written or holds a cluster secured otherwise, the super user's password is
   *                               refused, a node fails or the cluster isn't ready within 90 s
   * @throws IllegalStateException when called twice
   */
  public synchronized LocalKafka start() {
    if (started) {
      throw new IllegalStateException("start() was already called");
    }
    started = true;
    FatalExits.installEmbedded();
    long faultBaseline = FatalExits.faultCount();
    long begin = System.nanoTime();
    Deadline deadline = Deadline.after(START_TIMEOUT);
    try {
      dataDir = requestedDataDir == null ? DataDir.temporary() : DataDir.at(requestedDataDir);
      boolean formatted = dataDir.clusterId(nodeCount).isPresent();
      if (formatted) {
        checkSameSecurity();
      }
      ports = choosePorts();
      cluster = new Cluster(createNodes());
      cluster.startAll(deadline);
      admin = new ClusterAdmin(bootstrapServers(), security.map(ScramSecurity::superUser), this::runningBrokerPorts,
          faultBaseline);
      admin.awaitBrokers(nodeCount, deadline);
      if (formatted && security.isPresent()) {
        List<String> created = admin.createMissingUsers(security.get().users(), deadline);
        if (!created.isEmpty()) {
          LOG.info("Created SCRAM user(s) {}; the other users keep the passwords they were created with", created);
        }
      }
      startTopics.forEach((name, partitions) ->
          admin.createTopic(name, partitions, Math.min(nodeCount, 3), Map.of(), deadline));
    } catch (RuntimeException e) {
      closeAfterFailedStart(e);
      throw e;
    }
    LOG.info("Kafka ready at {} ({} node(s), {}, data in {}) after {} ms", bootstrapServers(), nodeCount,
        security.map(s -> "SASL/SCRAM with ACLs, super user " + s.superUser().name()).orElse("PLAINTEXT"),
        dataDir.path(), Duration.ofNanos(System.nanoTime() - begin).toMillis());
    return this;
  }

  /**
   * The settings a client of {@code user} needs: {@code bootstrap.servers}, {@code security.protocol}
   * (SASL_PLAINTEXT), {@code sasl.mechanism} (SCRAM-SHA-256; SCRAM-SHA-512 works as well) and
   * {@code sasl.jaas.config} with the user's name and password.
   *
   * @param user a user given to {@link Builder#user}
   * @return the settings, to put into a client's configuration or a {@code --command-config} file
   * @throws IllegalArgumentException for a name the builder was not given
   * @throws IllegalStateException    for a cluster without users, or before {@link #start()}
   */
  public Map<String, String> clientConfig(String user) {
    ScramSecurity secured = security.orElseThrow(() -> new IllegalStateException("this cluster has no users"));
    ScramUser found = secured.user(user)
        .orElseThrow(() -> new IllegalArgumentException("no user '" + user + "' was given to the builder"));
    Map<String, String> config = new LinkedHashMap<>();
    config.put("bootstrap.servers", bootstrapServers());
    config.putAll(ScramSecurity.clientConfig(found));
    return Map.copyOf(config);
  }

  /**
   * The settings of a client that may do anything: the super user's for a secured cluster, else only
   * {@code bootstrap.servers}.
   *
   * @return the settings
   * @throws IllegalStateException before {@link #start()}
   */
  public Map<String, String> clientConfig() {
    return security.map(s -> clientConfig(s.superUser().name()))
        .orElseGet(() -> Map.of("bootstrap.servers", bootstrapServers()));
  }

  /**
   * The address list for a client's {@code bootstrap.servers}.
   *
   * @return {@code "127.0.0.1:PORT"}, or for 3 nodes {@code "127.0.0.1:P0,127.0.0.1:P1,127.0.0.1:P2"}
   * @throws IllegalStateException before {@link #start()}
   */
  public String bootstrapServers() {
    requireStarted();
    return ports.stream()
        .map(p -> PortReservation.HOST + ":" + p.broker())
        .collect(Collectors.joining(","));
  }

  /**
   * The directory holding the nodes' logs: the one given to the builder or a temporary one.
   *
   * @return the absolute data directory
   * @throws IllegalStateException before {@link #start()}
   */
  public Path dataDir() {
    requireStarted();
    return dataDir.path();
  }

  /**
   * Creates a topic and waits until every partition has a leader that takes writes, so that a producer may
   * write at once (KAFKA-15591: a 3.9 broker names a leader before that leader has made the partition). Does
   * nothing more if the topic already exists with {@code partitions} partitions.
   *
   * @param name        topic name
   * @param partitions  number of partitions, at least 1
   * @param replication replication factor, from 1 to the number of running nodes
   * @throws LocalKafkaException when Kafka refuses the topic, it exists with another partition count, or
   *                             the leaders don't take writes within 60 s
   */
  public void createTopic(String name, int partitions, int replication) {
    createTopic(name, partitions, replication, Map.of());
  }

  /**
   * {@link #createTopic(String, int, int)} with topic-level settings, used only when the topic is new.
   *
   * @param name        topic name
   * @param partitions  number of partitions, at least 1
   * @param replication replication factor, from 1 to the number of running nodes
   * @param configs     topic settings, e.g. {@code max.message.bytes}
   * @throws LocalKafkaException as {@link #createTopic(String, int, int)}
   */
  public void createTopic(String name, int partitions, int replication, Map<String, String> configs) {
    Objects.requireNonNull(name, "name");
    if (partitions < 1 || replication < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "partitions and replication must be >= 1, not %d and %d", partitions, replication));
    }
    requireRunning().createTopic(name, partitions, replication, Map.copyOf(configs), Deadline.after(CALL_TIMEOUT));
  }

  /**
   * Shuts one node down cleanly (controlled shutdown), keeping its data directory and ports.
   *
   * @param index the node, from 0 to nodes - 1; its Kafka node id is the same number
   * @throws IndexOutOfBoundsException for an index outside the cluster
   */
  public synchronized void stopNode(int index) {
    requireRunning();
    cluster.stop(Objects.checkIndex(index, nodeCount), Deadline.after(CALL_TIMEOUT));
  }

  /**
   * Starts a node stopped by {@link #stopNode(int)} again on the same directory and ports, and waits
   * until the running brokers, this one included, are ready. Does nothing for a running node.
   *
   * @param index the node, from 0 to nodes - 1
   * @throws LocalKafkaException when the node fails or isn't ready within 60 s
   */
  public synchronized void startNode(int index) {
    ClusterAdmin running = requireRunning();
    Deadline deadline = Deadline.after(CALL_TIMEOUT);
    cluster.start(Objects.checkIndex(index, nodeCount), deadline);
    running.awaitBrokers(cluster.runningCount(), deadline);
  }

  /**
   * Stops all nodes and deletes the data directory if it is a temporary one. Safe to call more than once.
   *
   * @throws LocalKafkaException when a node does not stop within 60 s (the rest is still cleaned up)
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (admin != null) {
        admin.close();
      }
      if (cluster != null) {
        cluster.stopAll(Deadline.after(CALL_TIMEOUT));
      }
    } finally {
      if (dataDir != null) {
        dataDir.deleteIfTemporary();
      }
    }
  }

  private List<NodePorts> choosePorts() {
    Optional<List<NodePorts>> stored = dataDir.storedPorts();
    if (stored.isPresent() && stored.get().size() != nodeCount) {
      throw new LocalKafkaException(String.format(Locale.ROOT,
          "data directory '%s' holds a %d-node cluster, not a %d-node one",
          dataDir.path(), stored.get().size(), nodeCount));
    }
    List<NodePorts> chosen = new ArrayList<>();
    try (PortReservation reservation = new PortReservation()) {
      for (int i = 0; i < nodeCount; i++) {
        Optional<NodePorts> before = stored.map(list -> list.get(chosen.size()));
        // An explicit port wins; else clients find the cluster where it was last time.
        int broker = port != 0 ? reservation.require(port + i)
            : before.map(p -> reservation.require(p.broker())).orElseGet(reservation::pick);
        // The static quorum is read from config at each start, so a taken controller port may move.
        int controller = reservation.preferOrPick(before.map(NodePorts::controller).orElse(0));
        chosen.add(new NodePorts(broker, controller));
      }
    }
    dataDir.store(chosen, security.map(s -> s.superUser().name()));
    return List.copyOf(chosen);
  }

  private List<KafkaNode> createNodes() {
    String clusterId = dataDir.clusterId(nodeCount).orElseGet(() -> Uuid.randomUuid().toString());
    List<KafkaNode> nodes = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      Path dir = dataDir.nodeDir(i);
      KafkaNode node = new KafkaNode(i, dir, NodeConfig.of(i, ports, controllers, dir, security, brokerConfig));
      // A formatted node keeps its records, topics, users and ACLs: formatting again would refuse or wipe them.
      if (!dataDir.isFormatted(i)) {
        node.format(clusterId, security);
      }
      nodes.add(node);
    }
    return nodes;
  }

  /**
   * A formatted data directory keeps its security: users and ACLs live in its metadata, and a cluster without
   * users has no super user to create them with.
   */
  private void checkSameSecurity() {
    Optional<String> stored = dataDir.storedSuperUser();
    if (stored.isPresent() && security.isEmpty()) {
      throw new LocalKafkaException(String.format(Locale.ROOT,
          "data directory '%s' holds a secured cluster: give its super user first, --user %s:PASSWORD",
          dataDir.path(), stored.get()));
    }
    if (stored.isEmpty() && security.isPresent()) {
      throw new LocalKafkaException(String.format(Locale.ROOT,
          "data directory '%s' holds a cluster without users: --user needs a new data directory", dataDir.path()));
    }
    if (stored.isPresent() && !stored.get().equals(security.get().superUser().name())) {
      throw new LocalKafkaException(String.format(Locale.ROOT,
          "data directory '%s' has super user '%s', not '%s': give --user %s:PASSWORD first",
          dataDir.path(), stored.get(), security.get().superUser().name(), stored.get()));
    }
  }

  private List<Integer> runningBrokerPorts() {
    return IntStream.range(0, nodeCount).filter(cluster::isRunning)
        .mapToObj(i -> ports.get(i).broker()).collect(Collectors.toList());
  }

  private void closeAfterFailedStart(RuntimeException failure) {
    try {
      close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private void requireStarted() {
    if (ports == null) {
      throw new IllegalStateException("call start() first");
    }
  }

  private ClusterAdmin requireRunning() {
    if (admin == null || closed) {
      throw new IllegalStateException(closed ? "this LocalKafka is closed" : "call start() first");
    }
    return admin;
  }

  /** Describes a {@link LocalKafka} before it starts; every setting has a default. */
  public static final class Builder {
    private int port;
    private Path dataDir;
    private int nodes = 1;
    private int controllers;
    private final Map<String, Integer> topics = new LinkedHashMap<>();
    private final Map<String, String> brokerConfig = new LinkedHashMap<>();
    private final List<ScramUser> users = new ArrayList<>();

    private Builder() {
    }

    /**
     * A SCRAM user (SCRAM-SHA-256 and SCRAM-SHA-512); the first one makes the cluster secured: its client
     * listener takes only SASL_PLAINTEXT logins, and Kafka's {@code StandardAuthorizer} allows only what an
     * ACL allows ({@code allow.everyone.if.no.acl.found=false}). The first user is a super user, which the
     * brokers also use among themselves. Users are created when the storage is formatted; on a data
     * directory used before, the super user must be the same, users it does not know yet are created, and
     * the others keep the passwords they were created with.
     *
     * @param name     letters, digits, '.', '_', '-' and '@'; the ACL principal is {@code User:NAME}
     * @param password not empty, without ','
     * @return this builder
     * @throws IllegalArgumentException for a name or password outside these rules, or a name given twice
     */
    public Builder user(String name, String password) {
      ScramUser user = new ScramUser(name, password);
      if (users.stream().anyMatch(u -> u.name().equals(name))) {
        throw new IllegalArgumentException("user '" + name + "' is given twice");
      }
      users.add(user);
      return this;
    }

    /**
     * The broker port; with 3 nodes, node i listens on {@code port + i}. Controller ports are always
     * picked freely.
     *
     * @param port 1 to 65535, or 0 (the default) for a free port, or the one stored in a reused data dir
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > MAX_PORT) {
        throw new IllegalArgumentException("port must be from 0 to " + MAX_PORT + ", not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * A data directory to keep: created if missing, reused with its records, topics and ports if it
     * holds a cluster already. Without one, a temporary directory is used and deleted by close().
     *
     * @param dataDir the directory
     * @return this builder
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /**
     * The number of combined broker+controller nodes.
     *
     * @param nodes 1 (the default) or 3
     * @return this builder
     * @throws IllegalArgumentException for any other number
     */
    public Builder nodes(int nodes) {
      if (nodes != 1 && nodes != 3) {
        throw new IllegalArgumentException("nodes must be 1 or 3, not " + nodes);
      }
      this.nodes = nodes;
      return this;
    }

    /**
     * How many of the nodes are controllers as well as brokers (the voters of the KRaft quorum); the others are
     * brokers only. With 3 nodes and 1 controller, stopping nodes 1 and 2 leaves the quorum running, so the
     * controller shrinks the in-sync replicas and a write with {@code acks=all} is refused with
     * {@code NOT_ENOUGH_REPLICAS}; with 3 controllers, two stopped nodes take the quorum with them.
     *
     * @param controllers 1, or the number of nodes (the default)
     * @return this builder
     * @throws IllegalArgumentException for any other number
     */
    public Builder controllers(int controllers) {
      if (controllers != 1 && controllers != 3) {
        throw new IllegalArgumentException("controllers must be 1 or 3, not " + controllers);
      }
      this.controllers = controllers;
      return this;
    }

    /**
     * A topic that start() creates (or finds) with replication min(nodes, 3), ready for writes when start() returns.
     *
     * @param name       topic name
     * @param partitions number of partitions, at least 1
     * @return this builder
     */
    public Builder topic(String name, int partitions) {
      Objects.requireNonNull(name, "name");
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be >= 1, not " + partitions);
      }
      topics.put(name, partitions);
      return this;
    }

    /**
     * An extra broker property for every node, applied after this class's defaults, e.g.
     * {@code brokerConfig("min.insync.replicas", "2")}.
     *
     * @param key   a Kafka broker config name
     * @param value its value
     * @return this builder
     */
    public Builder brokerConfig(String key, String value) {
      brokerConfig.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Creates the (not yet started) cluster.
     *
     * @return a {@link LocalKafka}; call {@link LocalKafka#start()} next
     * @throws IllegalArgumentException when port + nodes - 1 passes 65535
     */
    public LocalKafka build() {
      if (port != 0 && port + nodes - 1 > MAX_PORT) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "ports %d to %d don't all exist", port, port + nodes - 1));
      }
      return new LocalKafka(this);
    }
  }
}
