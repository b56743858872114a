package io.github.kswordcount.localkafka;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM or Ctrl-C into the stop signal of {@link LocalKafkaMain#run}, so the broker shuts down
 * cleanly, and then ends the process with run's exit code (a JVM ended by a signal would report 143 or 130).
 */
final class StopOnSignal {
  private static final long CLOSE_WAIT_SECONDS = 120;

  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile int exitCode = 1;
  private volatile boolean exiting;

  /** Registers the shutdown hook; call once, before the broker starts. */
  StopOnSignal install() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "local-kafka-shutdown"));
    return this;
  }

  /** Counted down when the process is asked to stop. */
  CountDownLatch stopSignal() {
    return stopSignal;
  }

  /** Ends the process with {@code code}, also when it is already ending because of a signal. */
  void exit(int code) {
    exitCode = code;
    exiting = true;
    finished.countDown();
    // During a signal-triggered shutdown this blocks; the hook below then halts with our code.
    System.exit(code);
  }

  private void onShutdown() {
    if (exiting) {
      return;
    }
    stopSignal.countDown();
    try {
      boolean done = finished.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
      Runtime.getRuntime().halt(done ? exitCode : 1);
    } catch (InterruptedException e) {
      Runtime.getRuntime().halt(1);
    }
  }
}
