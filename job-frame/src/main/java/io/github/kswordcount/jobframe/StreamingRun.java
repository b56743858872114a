package io.github.kswordcount.jobframe;

import io.github.kswordcount.consolekit.ErrorLine;
import io.github.kswordcount.core.WordCountRun;
import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.core.internal.kafka.ClientConfigs;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The lifecycle both jobs share: Spark settings, start, wait, and a graceful stop (the running batch
 * finishes, its offsets are committed) on Ctrl-C, SIGTERM, {@code --stop-when-idle} or
 * {@code --max-batches}; then the summary line.
 */
public final class StreamingRun {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingRun.class);
  private static final long POLL_MS = 200;
  private static final String[] STOP_ORDER_NOISE = {"org.apache.spark.streaming.scheduler.ReceivedBlockTracker",
      "org.apache.spark.streaming.util.BatchedWriteAheadLog"};

  private StreamingRun() {}

  /**
   * Spark settings for a job: master, app name, loopback addresses for a local master, the job's own jar
   * for a cluster (so {@code java -jar app.jar --master spark://...} ships itself), then the user's settings.
   *
   * @param appName the application name
   * @param job the job settings
   * @param mainClass the app's main class, whose jar is shipped to a cluster
   * @param defaults the job's own Spark settings, which the user's {@code --spark-conf} can override
   * @return the configuration
   */
  public static SparkConf sparkConf(String appName, JobSettings job, Class<?> mainClass,
      java.util.Map<String, String> defaults) {
    SparkConf conf = new SparkConf().setAppName(appName).setMaster(job.master());
    conf.set("spark.ui.showConsoleProgress", "false");
    if (job.localMaster()) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    } else if (!conf.contains("spark.jars")) {
      String jar = ownJar(mainClass);
      if (jar != null) {
        conf.setJars(new String[] {jar});
      }
    }
    defaults.forEach(conf::set);
    job.sparkConf().forEach(conf::set);
    return conf;
  }

  /**
   * Runs a built streaming context until it is asked to stop, and stops it gracefully.
   *
   * @param run the run, with {@code progress} added as a listener
   * @param jobName the job's name in {@link BatchProgress}
   * @param group the job's consumer group, named in the error line's hint when Kafka refused it
   * @param err where the stop reason and the summary go
   * @param summaryExtra a supplier of extra summary fields, called after the stop
   * @return 0 after a requested stop, 1 when a batch failed
   */
  public static int run(WordCountRun run, String jobName, String group, PrintStream err,
      java.util.function.Supplier<String> summaryExtra) {
    BatchProgress progress = BatchProgress.of(jobName);
    AtomicInteger signals = new AtomicInteger();
    installStopSignals(signals);
    int status = 0;
    try {
      QuietLoggers quiet = QuietLoggers.off(QuietLoggers.STREAMING_CONTEXT);
      try {
        run.start();
      } finally {
        quiet.restore();
      }
      while (!run.awaitTerminationOrTimeout(POLL_MS) && run.failure() == null) {
        if (signals.get() > 0 || progress.stopRequested()) {
          err.println(signals.get() > 0 ? "Stopping: finishing the running batch" : "Stopping: stop condition met");
          quietStopOrderNoise();
          run.stop();
          break;
        }
      }
      if (run.failure() != null) {
        status = fail(run, run.failure(), group, err);
      }
    } catch (Exception e) {
      status = fail(run, run.failure() != null ? run.failure() : e, group, err);
    } finally {
      err.println(progress.summary(summaryExtra.get()));
      run.close();
      BatchProgress.unregister(jobName);
    }
    return status;
  }

  /**
   * Spark's graceful stop closes the block tracker's write-ahead log (in {@code ReceiverTracker.stop}) before the
   * job generator runs the last batches, so each of those batches logs a WARN with a stack trace ("close() was
   * called on BatchedWriteAheadLog", "Failed to acknowledge batch clean up"), with a checkpoint directory even in
   * the direct job. Nothing is lost by it here: a receiver job's restart reads what was not counted from Kafka.
   * From the stop on, only errors of those two loggers are shown; during the run their warnings still are.
   */
  private static void quietStopOrderNoise() {
    QuietLoggers.errorsOnly(STOP_ORDER_NOISE);
  }

  /** A failed batch ends the run: one error line, then a stop that does not wait for queued batches. */
  private static int fail(WordCountRun run, Throwable failure, String group, PrintStream err) {
    LOG.debug("The job failed", failure);
    // StallWatch prints under this lock only while no failure is known: no stalled line after the error line.
    synchronized (err) {
      err.println(errorLine(ErrorLine.of(failure, KafkaCallException.class), failure, group));
    }
    run.close();
    return 1;
  }

  /**
   * A job's {@code error:} line: the failure's line, and what to check after a refused login or group unless the
   * line says what to check already.
   */
  static String errorLine(String line, Throwable failure, String group) {
    return "error: " + line + (line.contains(" (check ") ? "" : ClientConfigs.refusalHint(failure, group));
  }

  /** First Ctrl-C or SIGTERM: stop gracefully. A second one: exit now. */
  private static void installStopSignals(AtomicInteger signals) {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), signal -> {
          if (signals.incrementAndGet() > 1) {
            // halt, not exit: exit runs Spark's shutdown hook, which waits for the graceful stop's lock.
            Runtime.getRuntime().halt(128 + signal.getNumber());
          }
        });
      } catch (IllegalArgumentException e) {
        LOG.debug("Cannot handle SIG{} here: {}", name, e.getMessage());
      }
    }
  }

  private static String ownJar(Class<?> mainClass) {
    try {
      File location = new File(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.isFile() && location.getName().endsWith(".jar") ? location.getAbsolutePath() : null;
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
  }
}
