package io.github.kswordcount.localkafka;

import com.beust.jcommander.Parameter;
import io.github.kswordcount.consolekit.UsageException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the {@code topics}, {@code acls} and {@code groups} commands share: where to connect, as Kafka's tools take
 * it, and {@code --help}; a JCommander delegate.
 */
final class CommandOptions {

  @Parameter(names = "--bootstrap-server", description = "Kafka brokers to connect to, host:port[,host:port...]")
  String bootstrapServer;

  @Parameter(names = "--command-config", description = "A properties file of Admin client settings, such as a"
      + " secured cluster's security.protocol, sasl.mechanism and sasl.jaas.config")
  String commandConfig;

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this usage and exit")
  boolean help;

  /**
   * Where to connect, checked.
   *
   * @param bootstrapServers {@code --bootstrap-server}
   * @param commandConfig    {@code --command-config}, if given
   */
  record Connection(String bootstrapServers, Optional<Path> commandConfig) {}

  /** @throws UsageException without {@code --bootstrap-server}, or for a {@code --command-config} that is no path */
  Connection toConnection() throws UsageException {
    if (bootstrapServer == null || bootstrapServer.isBlank()) {
      throw UsageException.alone("--bootstrap-server is required");
    }
    return new Connection(bootstrapServer, commandConfig == null ? Optional.empty()
        : Optional.of(path("--command-config", commandConfig)));
  }

  /**
   * A path option's value.
   *
   * @throws UsageException {@code OPTION 'VALUE' is invalid: not a usable path}
   */
  static Path path(String option, String value) throws UsageException {
    try {
      if (value.isBlank()) {
        throw new InvalidPathException(value, "empty");
      }
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw UsageException.alone(option + " '" + value + "' is invalid: not a usable path");
    }
  }
}
