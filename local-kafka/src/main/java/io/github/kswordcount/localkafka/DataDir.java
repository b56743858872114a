package io.github.kswordcount.localkafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.utils.Utils;

/**
 * The directory a local cluster keeps its nodes' logs in ({@code node-0}, {@code node-1}, ...), plus
 * {@code local-kafka.properties}: the ports chosen at the first start, reused so that clients and the
 * controller quorum find the nodes at the same addresses after a restart, and for a secured cluster the name
 * of its super user (never a password).
 */
final class DataDir {
  private static final String PORTS_FILE = "local-kafka.properties";
  private static final String META_PROPERTIES = "meta.properties";
  private static final String SUPER_USER = "scram.super.user";

  private final Path path;
  private final boolean temporary;

  private DataDir(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
  }

  /** A fresh temporary directory, deleted by {@link #deleteIfTemporary()}. */
  static DataDir temporary() {
    try {
      return new DataDir(Files.createTempDirectory("local-kafka-"), true);
    } catch (IOException e) {
      throw new LocalKafkaException("cannot create a temporary data directory: " + e.getMessage(), e);
    }
  }

  /** The given directory, created if missing; fails with a one-line message when it can't be written. */
  static DataDir at(Path path) {
    Path dir = path.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
      // As root, permissions don't stop writes; a real write is the only honest check.
      Files.delete(Files.createTempFile(dir, ".write-check", ".tmp"));
    } catch (IOException | SecurityException e) {
      throw new LocalKafkaException("data directory '" + dir + "' cannot be created or written", e);
    }
    return new DataDir(dir, false);
  }

  Path path() {
    return path;
  }

  Path nodeDir(int index) {
    return path.resolve("node-" + index);
  }

  boolean isFormatted(int index) {
    return Files.isRegularFile(nodeDir(index).resolve(META_PROPERTIES));
  }

  /** The cluster id recorded by the first formatted node, if any node was formatted before. */
  Optional<String> clusterId(int nodes) {
    for (int i = 0; i < nodes; i++) {
      if (isFormatted(i)) {
        String id = load(nodeDir(i).resolve(META_PROPERTIES)).getProperty("cluster.id");
        if (id != null && !id.isBlank()) {
          return Optional.of(id.trim());
        }
      }
    }
    return Optional.empty();
  }

  /** The ports stored by an earlier start, or empty when this directory has none. */
  Optional<List<NodePorts>> storedPorts() {
    Path file = path.resolve(PORTS_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties props = load(file);
    int nodes = intProperty(props, "nodes", file);
    List<NodePorts> ports = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      ports.add(new NodePorts(intProperty(props, "node." + i + ".broker.port", file),
          intProperty(props, "node." + i + ".controller.port", file)));
    }
    return Optional.of(List.copyOf(ports));
  }

  /**
   * The super user recorded by an earlier start: present for a secured cluster. Meaningful only once a node
   * is formatted (see {@link #clusterId}).
   */
  Optional<String> storedSuperUser() {
    Path file = path.resolve(PORTS_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.ofNullable(load(file).getProperty(SUPER_USER)).map(String::trim).filter(s -> !s.isEmpty());
  }

  /** Records the ports and, for a secured cluster, its super user's name. */
  void store(List<NodePorts> ports, Optional<String> superUser) {
    Properties props = new Properties();
    superUser.ifPresent(name -> props.setProperty(SUPER_USER, name));
    props.setProperty("nodes", Integer.toString(ports.size()));
    for (int i = 0; i < ports.size(); i++) {
      props.setProperty("node." + i + ".broker.port", Integer.toString(ports.get(i).broker()));
      props.setProperty("node." + i + ".controller.port", Integer.toString(ports.get(i).controller()));
    }
    try (Writer out = Files.newBufferedWriter(path.resolve(PORTS_FILE), StandardCharsets.UTF_8)) {
      props.store(out, "local-kafka: ports of this cluster's nodes, reused at the next start");
    } catch (IOException e) {
      throw new LocalKafkaException("data directory '" + path + "' cannot be created or written", e);
    }
  }

  /** Deletes the directory if this object created it; a directory the user gave is always kept. */
  void deleteIfTemporary() {
    if (temporary) {
      try {
        Utils.delete(path.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Properties load(Path file) {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new LocalKafkaException("cannot read '" + file + "': " + e.getMessage(), e);
    }
    return props;
  }

  private static int intProperty(Properties props, String key, Path file) {
    String value = props.getProperty(key, "").trim();
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new LocalKafkaException(String.format(Locale.ROOT,
          "'%s' has no valid %s (found '%s')", file, key, value), e);
    }
  }
}
