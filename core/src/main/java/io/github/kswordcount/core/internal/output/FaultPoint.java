package io.github.kswordcount.core.internal.output;

import io.github.kswordcount.core.internal.kafka.BatchRange;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A fault injected on purpose, for the tests of a job killed between its output and its commit: the JVM dies, as
 * under SIGKILL, at one exact moment of a job's output path, which a kill from outside the process cannot hit
 * reliably.
 *
 * <p>Armed by the system property {@value #PROPERTY} of the driver's JVM, read once when the class loads;
 * without it every call is a test of a {@code static final} field that the JIT folds away. The points:
 * <ul>
 *   <li>{@code after-output:N}: when the {@code N}-th batch with records (counted from 1, in this JVM) has been
 *       output and before its offsets are committed. In the direct job at least once: the counts are written and
 *       acknowledged, the group's commit not made. Exactly once: the counts are sent in the open transaction and
 *       acknowledged (flushed), the offsets added to it, {@code commitTransaction} not called. In the receiver
 *       job: every output of the batch is done, what was counted not announced (so the receivers commit nothing
 *       of it).
 *   <li>{@code before-output:N} (the direct job at least once, the receiver job): inside the {@code N}-th batch
 *       with records, its records read and its output about to begin; nothing of it written, committed or
 *       announced.
 * </ul>
 * The JVM then ends with {@link Runtime#halt} and status {@value #HALT_STATUS} (128 + SIGKILL's 9): no shutdown
 * hook runs, nothing is stopped or closed, as when the process is killed. One line on stderr says so first, so a
 * test tells the injected fault from any other death.
 *
 * <pre>{@code
 * java -Dkswc.fault=after-output:2 -jar direct-app.jar ... --output-topic counts
 * }</pre>
 *
 * <p>Beside it, the named {@link Moment}s of the jobs' Kafka calls, where a test that runs the job in its own JVM
 * (with the broker) acts once at exactly that moment, e.g. stops the broker just before a commit is sent:
 * {@link #once(Moment, Runnable)}. Without an action installed, each moment costs one look at an empty map per batch
 * (or per receiver start).
 */
public final class FaultPoint {
  /** The system property that arms the fault, e.g. {@code -Dkswc.fault=after-output:2}. */
  public static final String PROPERTY = "kswc.fault";
  /** The status the JVM ends with at the fault: a SIGKILL's. */
  public static final int HALT_STATUS = 137;
  private static final String AFTER_OUTPUT = "after-output:";
  private static final String BEFORE_OUTPUT = "before-output:";
  /** The armed fault, or {@code null}: nothing is ever done. */
  private static final FaultPoint ARMED = parse(System.getProperty(PROPERTY));

  /** The actions installed by {@link #once}, each run (and removed) the first time its moment is reached. */
  private static final Map<Moment, Runnable> ACTIONS = new ConcurrentHashMap<>();

  /** A moment of a job's Kafka calls, reached only by a batch (or start) that has records to deal with. */
  public enum Moment {
    /** The direct job at least once: the batch is output, its offsets' commit about to be sent. */
    OFFSET_COMMIT,
    /** The direct job exactly once: the counts are sent in the transaction, the offsets about to be added to it. */
    SEND_OFFSETS_TO_TRANSACTION,
    /** The direct job exactly once: the offsets are added to the transaction, {@code commitTransaction} next. */
    COMMIT_TRANSACTION,
    /** The receiver job: the batch is output, what it counted about to be announced (the receivers' commit). */
    COUNTED_ANNOUNCEMENT,
    /** The receiver job: a consumer thread of a receiver about to subscribe and read its group's offsets. */
    RECEIVER_START,
    /**
     * The receiver job after a graceful stop: the last batches' counted offsets about to be committed for the
     * receivers, which stopped before those batches ran.
     */
    STOP_HAND_OVER
  }

  private final int batch;
  private final boolean before;
  private final AtomicInteger outputs = new AtomicInteger();

  private FaultPoint(int batch, boolean before) {
    this.batch = batch;
    this.before = before;
  }

  /**
   * Reads the property's value.
   *
   * @param value the value, or {@code null} when the property is absent
   * @return the fault, or {@code null} when none is armed
   * @throws IllegalArgumentException when the value is not {@code after-output:N} with {@code N >= 1}
   */
  static FaultPoint parse(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    String rule = "-D" + PROPERTY + " '" + value + "' is invalid: use 'after-output:N' or 'before-output:N' with"
        + " N >= 1";
    boolean before = value.startsWith(BEFORE_OUTPUT);
    if (!before && !value.startsWith(AFTER_OUTPUT)) {
      throw new IllegalArgumentException(rule);
    }
    try {
      int batch = Integer.parseInt(value.substring((before ? BEFORE_OUTPUT : AFTER_OUTPUT).length()));
      if (batch < 1) {
        throw new IllegalArgumentException(rule);
      }
      return new FaultPoint(batch, before);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(rule, e);
    }
  }

  /**
   * The direct job's point: call it once the batch is output and before its offsets are committed.
   *
   * @param batch the batch's ranges; a batch whose ranges are all empty is not counted
   */
  public static void afterOutput(List<BatchRange> batch) {
    afterOutput(batch, () -> {});
  }

  /**
   * As {@link #afterOutput(List)}, finishing the output first when the fault is due: {@code finish} waits for
   * what is only sent so far (a producer's {@code flush}), so the JVM halts with the output on the broker.
   *
   * @param batch the batch's ranges
   * @param finish run only just before the halt
   */
  public static void afterOutput(List<BatchRange> batch, Runnable finish) {
    if (ARMED != null && !ARMED.before && ARMED.due(batch.stream().anyMatch(range -> range.size() > 0))) {
      finish.run();
      ARMED.halt();
    }
  }

  /**
   * The same point, for a job that knows itself whether the batch had records (the receiver job).
   *
   * @param withRecords whether the batch output had records; a batch without is not counted
   */
  public static void afterOutput(boolean withRecords) {
    if (ARMED != null && !ARMED.before && ARMED.due(withRecords)) {
      ARMED.halt();
    }
  }

  /**
   * The receiver job's point inside a batch: call it before the batch's output begins.
   *
   * @param withRecords whether the batch has records; asked only when this point is armed (it runs a Spark job)
   */
  public static void beforeOutput(BooleanSupplier withRecords) {
    if (ARMED != null && ARMED.before && ARMED.due(withRecords.getAsBoolean())) {
      ARMED.halt();
    }
  }

  /**
   * The direct job's point inside a batch: call it before the batch's output begins.
   *
   * @param batch the batch's ranges; a batch whose ranges are all empty is not counted
   */
  public static void beforeOutput(List<BatchRange> batch) {
    if (ARMED != null && ARMED.before && ARMED.due(batch.stream().anyMatch(range -> range.size() > 0))) {
      ARMED.halt();
    }
  }

  /**
   * A named moment: runs the action a test installed for it, if any, once.
   *
   * @param moment the moment reached, by a batch (or start) with records
   */
  public static void at(Moment moment) {
    if (!ACTIONS.isEmpty()) {
      Runnable action = ACTIONS.remove(moment);
      if (action != null) {
        action.run();
      }
    }
  }

  /**
   * For a test running the job in its JVM: runs {@code action} in the job's thread the next time {@code moment} is
   * reached, once; the job goes on when the action returns.
   *
   * @param moment the moment
   * @param action what to do there, e.g. stop the broker
   * @return removes the action if it has not run yet
   */
  public static AutoCloseable once(Moment moment, Runnable action) {
    ACTIONS.put(moment, action);
    return () -> ACTIONS.remove(moment, action);
  }

  /**
   * Counts a batch output.
   *
   * @param withRecords whether it had records: only those are counted
   * @return whether it is the armed batch
   */
  boolean due(boolean withRecords) {
    return withRecords && outputs.incrementAndGet() == batch;
  }

  /** The line written on stderr before the halt. */
  String line() {
    if (before) {
      return String.format(Locale.ROOT, "fault %s=%s%d: halting the JVM inside batch with records #%d, before its"
          + " output", PROPERTY, BEFORE_OUTPUT, batch, batch);
    }
    return String.format(Locale.ROOT, "fault %s=%s%d: halting the JVM after the output of batch"
        + " with records #%d, before its commit", PROPERTY, AFTER_OUTPUT, batch, batch);
  }

  private void halt() {
    System.err.println(line());
    System.err.flush();
    Runtime.getRuntime().halt(HALT_STATUS);
  }

  @Override
  public String toString() {
    return (before ? BEFORE_OUTPUT : AFTER_OUTPUT) + batch;
  }
}
