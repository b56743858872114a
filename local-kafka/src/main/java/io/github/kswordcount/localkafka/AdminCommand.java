package io.github.kswordcount.localkafka;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import io.github.kswordcount.consolekit.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * The frame of the {@code topics}, {@code acls} and {@code groups} commands: parse and validate the options once,
 * open an Admin client configured as Kafka's tools configure theirs ({@code --command-config FILE}, then
 * {@code --bootstrap-server}), run the action, and turn each failure into one {@code error:} line on stderr:
 * exit 2 for a command line to fix, 1 for a failure of Kafka or its settings.
 */
final class AdminCommand {
  /** How long one command waits for Kafka. */
  static final long TIMEOUT_MS = 30_000;

  private AdminCommand() {
  }

  /** A command's validated request: at least where to connect. */
  interface Request {
    CommandOptions.Connection connection();
  }

  /**
   * A command's options, as JCommander fills them.
   *
   * @param <R> the request they make
   */
  interface Options<R extends Request> {
    /** Where to connect, and {@code --help}. */
    CommandOptions common();

    /** Applies every rule once; throws with the rule that was broken. */
    R toRequest() throws UsageException;
  }

  /**
   * What a command does with an open Admin client.
   *
   * @param <R> its request
   */
  interface Action<R> {
    void execute(Admin admin, R request, PrintStream out)
        throws ExecutionException, InterruptedException, TimeoutException;
  }

  /**
   * Runs one command; never exits the JVM.
   *
   * @param name    {@code topics}, {@code acls} or {@code groups}, for the usage and the errors
   * @param options the command's options object
   * @param action  what to do once connected
   * @return 0, {@link LocalKafkaMain#USAGE_ERROR} or {@link LocalKafkaMain#RUNTIME_ERROR}
   */
  static <R extends Request> int run(String name, Options<R> options, Action<R> action, String[] args,
      PrintStream out, PrintStream err) {
    JCommander commander = JCommander.newBuilder().addObject(options)
        .programName("java -jar local-kafka.jar " + name).expandAtSign(false).build();
    R request;
    try {
      commander.parse(args);
      if (options.common().help) {
        StringBuilder usage = new StringBuilder();
        commander.getUsageFormatter().usage(usage);
        out.print(usage);
        out.flush();
        return 0;
      }
      request = options.toRequest();
    } catch (ParameterException | UsageException e) {
      err.print("error: " + e.getMessage() + ": see " + name + " --help\n");
      err.flush();
      return LocalKafkaMain.USAGE_ERROR;
    }
    CommandOptions.Connection connection = request.connection();
    try (Admin admin = open(connection)) {
      action.execute(admin, request, out);
      return 0;
    } catch (ExecutionException | TimeoutException | KafkaException | IllegalArgumentException
        | IllegalStateException e) {
      return fail(err, errorLine(e, connection.bootstrapServers()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(err, "interrupted");
    } finally {
      out.flush();
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

  /** @throws IllegalArgumentException when the file can't be read, or Kafka refuses a setting in it */
  private static Admin open(CommandOptions.Connection connection) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
    connection.commandConfig().ifPresent(file -> load(file).forEach((k, v) -> config.put(String.valueOf(k), v)));
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    try {
      return Admin.create(config);
    } catch (KafkaException e) {
      // "Failed to create new KafkaAdminClient" says nothing: the cause names the setting.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalArgumentException(oneLine(cause), e);
    }
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

  private static int fail(PrintStream err, String line) {
    err.print("error: " + line + "\n");
    err.flush();
    return LocalKafkaMain.RUNTIME_ERROR;
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse("").trim();
  }
}
