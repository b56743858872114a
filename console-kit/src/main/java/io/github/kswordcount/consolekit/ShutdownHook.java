package io.github.kswordcount.consolekit;

/**
 * What a console tool does on Ctrl-C/SIGTERM, installed for the length of a run: {@link #remove()} takes it
 * away when the run ends by itself. In-process tests run tools without one ({@link #install} with
 * {@code enabled} false): they do not own the JVM's shutdown.
 */
public final class ShutdownHook {

  private final Thread thread;

  private ShutdownHook(Thread thread) {
    this.thread = thread;
  }

  /**
   * Installs the hook.
   *
   * @param enabled whether to install it at all (only the real process owns the JVM's shutdown)
   * @param name the thread's name, e.g. {@code producer-cli-shutdown}
   * @param onSignal what to do when the JVM is asked to stop
   * @return the hook, to remove at the end of the run
   */
  public static ShutdownHook install(boolean enabled, String name, Runnable onSignal) {
    if (!enabled) {
      return new ShutdownHook(null);
    }
    Thread thread = new Thread(onSignal, name);
    Runtime.getRuntime().addShutdownHook(thread);
    return new ShutdownHook(thread);
  }

  /** Removes the hook; when the JVM is already shutting down the hook is running or has run, and stays. */
  public void remove() {
    if (thread == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook is running or has run.
    }
  }
}
