package io.github.kswordcount.kafka4;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Runs in the Kafka 4 broker's JVM, in front of {@code kafka.Kafka}: exits (so Kafka's shutdown hook stops the
 * broker) when its standard input closes, which happens when the test JVM that holds the pipe's other end ends in
 * any way, a SIGKILL included. A shutdown hook of the test JVM cannot cover that case; this leaves no broker behind.
 * Only JDK classes: it runs on Kafka 4's class path.
 */
public final class ExitWithParent {

  private ExitWithParent() {
  }

  /**
   * Starts the watch, then the real main class.
   *
   * @param args the main class, then its arguments
   * @throws ReflectiveOperationException when the main class cannot be run
   */
  public static void main(String[] args) throws ReflectiveOperationException {
    Thread watch = new Thread(ExitWithParent::exitAtEndOfInput, "exit-with-parent");
    watch.setDaemon(true);
    watch.start();
    try {
      Class.forName(args[0]).getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(args[0] + " failed", e.getCause());
    }
  }

  private static void exitAtEndOfInput() {
    InputStream in = System.in;
    try {
      while (in.read() != -1) {
        // Nothing is ever written: only the end matters.
      }
    } catch (IOException e) {
      // A broken pipe is an end too.
    }
    System.exit(0);
  }
}
