package io.github.kswordcount.localkafka;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens when Kafka calls {@link Exit#exit} or {@link Exit#halt}.
 *
 * <p>A broker ends its process on a fatal fault (a failed metadata log, a {@code FatalExitError} in a
 * request thread). Embedded in someone else's JVM that would kill a test run or an application, so
 * {@link #installEmbedded()} turns those calls into a logged, recorded {@link LocalKafkaException},
 * as Kafka's own test harness does. The procedures are JVM-wide, so the first policy installed wins; on a thread
 * that runs one of Kafka's command-line tools ({@link KafkaTool}), the tool's own exit procedure applies instead.
 */
final class FatalExits {
  private static final Logger LOG = LoggerFactory.getLogger(FatalExits.class);
  private static final AtomicLong FAULTS = new AtomicLong();
  private static final AtomicReference<String> LAST_FAULT = new AtomicReference<>("");
  private static final ThreadLocal<Exit.Procedure> TOOL_EXIT = new ThreadLocal<>();
  private static boolean installed;

  private FatalExits() {
  }

  /** Keeps the JVM alive on Kafka's fatal exits, unless {@link #installHalting} was chosen before. */
  static synchronized void installEmbedded() {
    if (!installed) {
      install(FatalExits::refuse);
    }
  }

  /**
   * For the standalone server: a fatal fault ends the process at once with Kafka's status.
   *
   * <p>Halting, even for {@code Exit.exit}: {@code System.exit} from a broker thread would run the
   * shutdown hook, which waits for the broker to stop, which waits for that very thread.
   *
   * @param err where the one-line reason goes before the process ends
   */
  static synchronized void installHalting(PrintStream err) {
    Exit.Procedure halt = (status, message) -> {
      err.printf(Locale.ROOT, "error: Kafka stopped on a fatal error (status %d, %s)%n",
          status, message == null ? "no reason given" : message);
      err.flush();
      Runtime.getRuntime().halt(status);
    };
    install(halt);
  }

  /**
   * Sends Kafka's exits on this thread to {@code toolExit} until cleared, whatever the JVM-wide policy.
   *
   * @param toolExit what a tool's {@code Exit.exit} does on this thread, or null to clear
   */
  static void onThisThread(Exit.Procedure toolExit) {
    installEmbedded();
    TOOL_EXIT.set(toolExit);
  }

  private static void install(Exit.Procedure policy) {
    Exit.Procedure procedure = (status, message) -> {
      Exit.Procedure toolExit = TOOL_EXIT.get();
      (toolExit == null ? policy : toolExit).execute(status, message);
    };
    Exit.setExitProcedure(procedure);
    Exit.setHaltProcedure(procedure);
    installed = true;
  }

  /** How many fatal exits were refused so far in this JVM. */
  static long faultCount() {
    return FAULTS.get();
  }

  /** The message of the last refused fatal exit, or "" if none. */
  static String lastFault() {
    return LAST_FAULT.get();
  }

  private static void refuse(int status, String message) {
    // Kafka may pass a null message (Exit.exit(int)).
    String text = String.format(Locale.ROOT,
        "Kafka asked to end the JVM (status %d, %s); the JVM keeps running but the broker may be broken",
        status, message == null ? "no reason given" : message);
    LOG.error(text);
    LAST_FAULT.set(text);
    FAULTS.incrementAndGet();
    // Throwing ends the failing Kafka thread's current work instead of letting it carry on.
    throw new LocalKafkaException(text);
  }
}
