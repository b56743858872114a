package io.github.kswordcount.localkafka;

import com.beust.jcommander.Parameter;
import io.github.kswordcount.consolekit.UsageException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code local-kafka.jar}, as JCommander fills it. Every rule is checked once, in
 * {@link #toSettings()}; numbers are read as text so that a bad one gets our message, not JCommander's.
 */
final class LocalKafkaOptions {
  static final int DEFAULT_PORT = 9092;
  private static final int MAX_PORT = 65_535;

  @Parameter(names = "--port", description = "Broker port on 127.0.0.1; with --nodes 3, node i uses PORT+i."
      + " 0 picks a free port (or the one last used in --data-dir)")
  String port = Integer.toString(DEFAULT_PORT);

  @Parameter(names = "--data-dir", description = "Directory to keep records and topics in, reused on the"
      + " next start. Default: a temporary directory deleted on exit")
  String dataDir;

  @Parameter(names = "--topic", description = "Topic to create at start, NAME or NAME:PARTITIONS"
      + " (repeatable); an existing topic with the same partitions is kept", splitter = WholeValue.class)
  // null rather than an empty list: JCommander's usage would print "Default: []".
  List<String> topics;

  @Parameter(names = "--nodes", description = "Number of combined broker+controller nodes: 1 or 3")
  String nodes = "1";

  @Parameter(names = "--controllers", description = "How many of the nodes are controllers too (the KRaft "
      + "quorum): 1 or all of them; with --nodes 3 --controllers 1, nodes 1 and 2 are brokers only, so stopping "
      + "both keeps the quorum (default: all)")
  String controllers;

  @Parameter(names = "--user", description = "A SCRAM user NAME:PASSWORD (repeatable). Secures the cluster:"
      + " clients log in with SASL_PLAINTEXT and SCRAM-SHA-256 or SCRAM-SHA-512, and need ACLs for everything;"
      + " the first user is a super user. Users are created with a new --data-dir; a reused one keeps its users"
      + " and ACLs (give its super user first)", splitter = WholeValue.class)
  // null rather than an empty list: JCommander's usage would print "Default: []".
  List<String> users;

  @Parameter(names = "--help", help = true, description = "Print this help and exit")
  boolean help;

  // Catches stray words and unknown flags, which JCommander would report in its own terms.
  @Parameter(hidden = true)
  List<String> unexpected = new ArrayList<>();

  /**
   * Applies every rule and returns the settings.
   *
   * @throws UsageException naming the bad value and the rule
   */
  LocalKafkaSettings toSettings() throws UsageException {
    if (!unexpected.isEmpty()) {
      String first = unexpected.get(0);
      throw UsageException.alone(first.startsWith("-")
          ? "unknown option '" + first + "': see --help"
          : "unexpected argument '" + first + "': see --help");
    }
    int nodeCount = parseNodes();
    return new LocalKafkaSettings(parsePort(nodeCount), parseDataDir(), parseTopics(), nodeCount,
        parseControllers(nodeCount), parseUsers());
  }

  private int parseControllers(int nodeCount) throws UsageException {
    if (controllers == null || controllers.equals(Integer.toString(nodeCount))) {
      return nodeCount;
    }
    if (!controllers.equals("1")) {
      throw UsageException.alone("--controllers '" + controllers + "' is invalid: use 1, or the number of nodes ("
          + nodeCount + ")");
    }
    return 1;
  }

  private List<ScramUser> parseUsers() throws UsageException {
    Map<String, ScramUser> byName = new LinkedHashMap<>();
    for (String value : users == null ? List.<String>of() : users) {
      ScramUser user = ScramUser.parse(value);
      if (byName.putIfAbsent(user.name(), user) != null) {
        throw UsageException.alone("--user '" + user.name() + ":***' is invalid: user '" + user.name()
            + "' is already given");
      }
    }
    return List.copyOf(byName.values());
  }

  private int parseNodes() throws UsageException {
    if (!nodes.equals("1") && !nodes.equals("3")) {
      throw UsageException.alone("--nodes '" + nodes + "' is invalid: use 1 or 3");
    }
    return Integer.parseInt(nodes);
  }

  private int parsePort(int nodeCount) throws UsageException {
    int last = MAX_PORT - nodeCount + 1;
    String rule = String.format(Locale.ROOT, "use a number from 0 to %d (0 picks a free port)", last);
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw UsageException.alone("--port '" + port + "' is invalid: " + rule);
    }
    int value = Integer.parseInt(port);
    if (value > last) {
      throw UsageException.alone("--port '" + port + "' is invalid: " + rule);
    }
    return value;
  }

  private Optional<Path> parseDataDir() throws UsageException {
    if (dataDir == null) {
      return Optional.empty();
    }
    try {
      if (dataDir.isBlank()) {
        throw new InvalidPathException(dataDir, "empty");
      }
      return Optional.of(Path.of(dataDir).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      throw UsageException.alone("--data-dir '" + dataDir + "' is invalid: not a usable path");
    }
  }

  private List<TopicSpec> parseTopics() throws UsageException {
    Map<String, TopicSpec> byName = new LinkedHashMap<>();
    for (String value : topics == null ? List.<String>of() : topics) {
      TopicSpec topic = TopicSpec.parse(value);
      TopicSpec earlier = byName.putIfAbsent(topic.name(), topic);
      if (earlier != null && earlier.partitions() != topic.partitions()) {
        throw UsageException.alone(String.format(Locale.ROOT,
            "--topic '%s' is invalid: topic '%s' is already given with %d partition(s)",
            value, topic.name(), earlier.partitions()));
      }
    }
    return List.copyOf(byName.values());
  }
}
