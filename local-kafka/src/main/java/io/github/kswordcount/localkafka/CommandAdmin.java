package io.github.kswordcount.localkafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * The Admin client of the {@code topics} and {@code acls} commands, configured as Kafka's tools configure
 * theirs ({@code --command-config FILE}, then {@code --bootstrap-server}), and the one line each failure
 * becomes on stderr.
 */
final class CommandAdmin {
  /** How long one command waits for Kafka. */
  static final long TIMEOUT_MS = 30_000;

  private CommandAdmin() {
  }

  /**
   * Opens the Admin client.
   *
   * @param bootstrapServers {@code --bootstrap-server}
   * @param commandConfig    {@code --command-config}: client properties such as the security settings
   * @throws IllegalArgumentException when the file can't be read, or Kafka refuses a setting in it
   */
  static Admin open(String bootstrapServers, Optional<Path> commandConfig) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
    commandConfig.ifPresent(file -> load(file).forEach((key, value) -> config.put(String.valueOf(key), value)));
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try {
      return Admin.create(config);
    } catch (RuntimeException e) {
      // "Failed to create new KafkaAdminClient" says nothing: the cause names the setting.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalArgumentException(oneLine(cause), e);
    }
  }

  /**
   * The {@code error:} line for a failed command, saying what to check.
   *
   * @param failure what the command caught; an {@link ExecutionException} is unwrapped
   * @param bootstrapServers where the command connected
   * @return the line without {@code error: }
   */
  static String errorLine(Throwable failure, String bootstrapServers) {
    Throwable e = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
    if (e instanceof AuthenticationException) {
      return oneLine(e) + " (check the user and password in --command-config)";
    }
    if (e instanceof AuthorizationException) {
      return oneLine(e) + " (the user of --command-config needs an ACL for it)";
    }
    if (e instanceof TimeoutException || e instanceof org.apache.kafka.common.errors.TimeoutException) {
      return "no answer from Kafka at " + bootstrapServers + " within " + TIMEOUT_MS / 1000 + " s"
          + " (is a broker running there? a secured one needs its security settings in --command-config)";
    }
    return oneLine(e);
  }

  private static Properties load(Path file) {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--command-config '" + file + "' does not exist", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--command-config '" + file + "' cannot be read: " + e.getMessage(), e);
    }
    return props;
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse("").trim();
  }
}
