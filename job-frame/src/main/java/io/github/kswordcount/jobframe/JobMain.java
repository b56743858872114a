package io.github.kswordcount.jobframe;

import com.beust.jcommander.JCommander;
import io.github.kswordcount.consolekit.UsageException;
import io.github.kswordcount.core.WordCountRun;
import io.github.kswordcount.core.internal.kafka.ConsumerLag;
import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.core.internal.kafka.PartitionLag;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import io.github.kswordcount.core.text.RecordDecoding;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * The {@code run} of both jobs: parse, validate, check Kafka, build, run; a user error ends in one
 * {@code error:} line (and the usage for a bad option) with exit 2, a Kafka problem with exit 1.
 */
public final class JobMain {
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);

  private JobMain() {}

  /**
   * What a job supplies: its options, how it builds its streaming context and how it introduces itself.
   *
   * @param <S> the job's settings
   * @param name the program name, also the job's name in {@link BatchProgress}
   * @param options the JCommander-annotated options object
   * @param help whether {@code --help} was given (read after parsing)
   * @param settings validates the parsed options into settings
   * @param context builds (or recovers) the run for the settings, with core's builder
   * @param describe the line printed on stderr when the job starts
   * @param perStreamRates whether progress lines carry each input stream's rate
   */
  public record Job<S extends JobPlan>(String name, Object options, Supplier<Boolean> help, Supplier<S> settings,
      Function<S, WordCountRun> context, Function<S, String> describe, boolean perStreamRates) {}

  /**
   * Runs a job without exiting the JVM.
   *
   * @param job what the job supplies
   * @param args the command line
   * @param err where progress, errors and usage go
   * @param <S> the job's settings
   * @return 0 after a requested stop, 1 when the job failed or Kafka could not be used, 2 for a usage error
   */
  public static <S extends JobPlan> int run(Job<S> job, String[] args, PrintStream err) {
    JCommander commander = null;
    S settings = null;
    try {
      commander = CommandLine.commander(job.name(), job.options());
      CommandLine.parse(commander, args);
      if (job.help().get()) {
        CommandLine.usage(commander, err);
        return 0;
      }
      settings = job.settings().get();
      requireNotReadingOwnOutput(settings);
      QuietLoggers quiet = QuietLoggers.off(QuietLoggers.KAFKA_CLIENTS);
      try {
        KafkaChecks.requireAccess(settings.source().consumerParams(), settings.source().topics().names(),
            settings.count().outputTopic(), settings.source().group(), KAFKA_TIMEOUT);
        if (settings.source().fromBeginning()) {
          FromBeginningNote.check(settings.source(), KAFKA_TIMEOUT, err);
        }
      } catch (RuntimeException e) {
        // Closed while still quiet: the Admin client would log a reconnect or two before the error line.
        SharedClients.closeAll();
        throw e;
      } finally {
        quiet.restore();
      }
      if (settings.checkpointDir() == null) {
        return start(job, settings, err);
      }
      try (CheckpointLock lock = CheckpointLock.acquire(settings.checkpointDir())) {
        // After the checks: a start refused for a misspelt topic must not pin the checkpoint to that name.
        CheckpointIdentity.verify(settings.checkpointDir(), settings.identity());
        return start(job, settings, err);
      }
    } catch (UsageException e) {
      err.println(e.line());
      if (commander != null && e.showUsage()) {
        CommandLine.usage(commander, err);
      }
      return 2;
    } catch (KafkaCallException e) {
      err.println(StreamingRun.errorLine(e.getMessage(), e, settings == null ? null : settings.source().group()));
      SharedClients.closeAll();
      return 1;
    } catch (IllegalArgumentException e) {
      // core's builder refused the setting: the options' own checks should have said it first.
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static void requireNotReadingOwnOutput(JobPlan settings) {
    String output = settings.count().outputTopic();
    if (output != null && settings.source().topics().matches(output)) {
      throw UsageException.alone((settings.source().topics().isPattern()
          ? "--include '" + settings.source().topics().pattern().pattern() + "'" : "--topic")
          + " matches --output-topic '" + output + "': the job would count its own output");
    }
  }

  /**
   * The group's lag on every partition of the source's topics, those without a committed offset included
   * (counted from offset 0), so a partition nobody has read yet never looks caught up.
   */
  private static List<PartitionLag> lag(KafkaSource source) {
    Admin admin = SharedClients.admin(source.consumerParams());
    return ConsumerLag.ofTopics(admin, source.group(), source.topics().resolve(admin, KAFKA_TIMEOUT),
        source.isolation(), KAFKA_TIMEOUT);
  }

  /**
   * Where the Spark UI listens, as {@code spark-shell} says it ({@code ; Spark UI at http://127.0.0.1:4040}),
   * or nothing when it is off ({@code --spark-conf spark.ui.enabled=false}); the port is the one bound, which
   * is not 4040 when another job holds that.
   */
  private static String uiAddress(WordCountRun run) {
    scala.Option<String> url = run.context().sparkContext().sc().uiWebUrl();
    return url.isDefined() ? "; Spark UI at " + url.get() : "";
  }

  private static <S extends JobPlan> int start(Job<S> job, S settings, PrintStream err) {
    KafkaSource source = settings.source();
    BatchProgress progress = BatchProgress.register(job.name(), err,
        committed -> ConsumerLag.total(ConsumerLag.afterCommitting(lag(source), committed)), settings.job(),
        job.perStreamRates());
    WordCountRun run;
    try {
      run = job.context().apply(settings);
    } catch (RuntimeException e) {
      BatchProgress.unregister(job.name());
      throw e;
    }
    progress.attach(run);
    run.context().ssc().addStreamingListener(progress);
    err.println(job.describe().apply(settings) + uiAddress(run));
    try (StallWatch watch = StallWatch.start(progress, settings, err)) {
      return StreamingRun.run(run, job.name(), source.group(), err, () -> {
        RecordDecoding decoding = run.decoding();
        return "skipped=" + decoding.skipped() + " replaced=" + decoding.replaced();
      });
    }
  }
}
