package io.github.kswordcount.localkafka;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import io.github.kswordcount.consolekit.ErrorLine;
import io.github.kswordcount.consolekit.UsageException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * The main class of {@code local-kafka.jar}: a dev-box {@code kafka-server-start} that runs a KRaft broker
 * until stopped.
 */
public final class LocalKafkaMain {
  /** Exit code for a command line the user must fix. */
  public static final int USAGE_ERROR = 2;
  /** Exit code for a broker that could not start or stop. */
  public static final int RUNTIME_ERROR = 1;

  private static final String LOG_CONFIG_PROPERTY = "log4j2.configurationFile";
  private static final String PROGRAM = "java -jar local-kafka.jar";
  private static final String HELP_FOOTER = String.join("\n",
      "",
      "Kafka's own kafka-topics, kafka-consumer-groups and kafka-acls (their flags, output and exit status), for any",
      "Kafka: java -jar local-kafka.jar topics|groups|acls --bootstrap-server HOST:PORT ...; see topics --help,",
      "see groups --help, see acls --help",
      "",
      "Secured (--user admin:admin-secret --user alice:alice-secret): clients log in with these properties,",
      "e.g. in alice.properties for --command-config, --producer.config or --consumer.config",
      "(sasl.mechanism=SCRAM-SHA-512 works as well):",
      "  security.protocol=SASL_PLAINTEXT",
      "  sasl.mechanism=SCRAM-SHA-256",
      "  sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\""
          + " password=\"alice-secret\";",
      "and need ACLs, e.g.: java -jar local-kafka.jar acls --bootstrap-server localhost:9092"
          + " --command-config admin.properties --add --allow-principal User:alice --operation Read --topic lab",
      "");

  private LocalKafkaMain() {
  }

  /**
   * Runs the broker until SIGTERM or Ctrl-C, then exits 0; exits 2 on a bad command line, 1 when the
   * broker fails.
   *
   * @param args the command line; see {@code --help}
   */
  public static void main(String[] args) {
    // Before any logger exists: log4j2 reads its configuration once, at the first logger.
    if (System.getProperty(LOG_CONFIG_PROPERTY) == null) {
      boolean command = args.length > 0 && KafkaCommands.has(args[0]);
      System.setProperty(LOG_CONFIG_PROPERTY,
          command ? "classpath:local-kafka-command-log4j2.xml" : "classpath:local-kafka-log4j2.xml");
    }
    // This process is only the broker: a fatal broker fault should end it, as kafka-server-start does.
    FatalExits.installHalting(System.err);
    StopOnSignal stop = new StopOnSignal().install();
    int code;
    try {
      code = run(args, System.out, System.err, stop.stopSignal());
    } catch (Throwable e) {
      // A bug (an Error escaping run): show it, and still exit, else Kafka's threads keep the JVM alive.
      e.printStackTrace();
      code = RUNTIME_ERROR;
    }
    stop.exit(code);
  }

  /**
   * Parses {@code args}, starts the cluster, prints {@code Kafka is ready at BOOTSTRAP} (and, when secured, how
   * to log in) on {@code out} and blocks until {@code stopSignal} is counted down, then stops the cluster; or,
   * with {@code topics}, {@code groups} or {@code acls} first, runs Kafka's own {@code kafka-topics},
   * {@code kafka-consumer-groups} or {@code kafka-acls} with the rest ({@link KafkaCommands}) against any Kafka.
   * Never exits the JVM.
   *
   * @param args       the command line
   * @param out        receives only the ready line (or the usage for {@code --help}); a command's stdout
   * @param err        receives one {@code error: ...} line on failure; a command's stderr
   * @param stopSignal counted down to stop the running cluster
   * @return 0 after a clean stop or {@code --help}, {@link #USAGE_ERROR}, or {@link #RUNTIME_ERROR}; a command's
   *     exit status
   */
  public static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stopSignal) {
    if (args.length > 0 && KafkaCommands.has(args[0])) {
      return KafkaCommands.run(args, out, err);
    }
    LocalKafkaOptions options = new LocalKafkaOptions();
    JCommander commander = JCommander.newBuilder()
        .addObject(options)
        .programName(PROGRAM)
        // A Kafka user does not expect '@file' to mean "read arguments from file".
        .expandAtSign(false)
        .build();
    LocalKafkaSettings settings;
    try {
      commander.parse(args);
      if (options.help) {
        StringBuilder usage = new StringBuilder();
        commander.getUsageFormatter().usage(usage);
        usage.append(HELP_FOOTER);
        out.print(usage);
        out.flush();
        return 0;
      }
      settings = options.toSettings();
    } catch (ParameterException e) {
      return fail(err, USAGE_ERROR, "error: " + ErrorLine.of(e) + ": see --help");
    } catch (UsageException e) {
      return fail(err, USAGE_ERROR, e.line());
    }
    return serve(settings, out, err, stopSignal);
  }

  private static int serve(LocalKafkaSettings settings, PrintStream out, PrintStream err,
               CountDownLatch stopSignal) {
    boolean interrupted = false;
    try (LocalKafka kafka = settings.toLocalKafka().start()) {
      out.print("Kafka is ready at " + kafka.bootstrapServers() + howToConnect(settings) + "\n");
      out.flush();
      try {
        stopSignal.await();
      } catch (InterruptedException e) {
        // An interrupt is a stop request too; restored once the cluster is closed.
        interrupted = true;
      }
    } catch (LocalKafkaException e) {
      return fail(err, RUNTIME_ERROR, "error: " + ErrorLine.of(e, LocalKafkaException.class));
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(LocalKafkaMain.class).error("local-kafka failed", e);
      return fail(err, RUNTIME_ERROR, "error: local-kafka failed: " + e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return 0;
  }

  /** For a secured cluster, the client settings and the user names (never a password). */
  private static String howToConnect(LocalKafkaSettings settings) {
    if (settings.users().isEmpty()) {
      return "";
    }
    List<String> names = settings.users().stream().map(ScramUser::name).collect(Collectors.toList());
    names.set(0, names.get(0) + " (super user)");
    return " (security.protocol=SASL_PLAINTEXT, sasl.mechanism=SCRAM-SHA-256 or SCRAM-SHA-512; users "
        + String.join(", ", names) + "; client properties: see --help)";
  }

  /** Prints the first line of {@code line} (which starts with {@code error: }) and returns {@code code}. */
  private static int fail(PrintStream err, int code, String line) {
    err.print(line.lines().findFirst().orElse("").trim() + "\n");
    err.flush();
    return code;
  }
}
