package io.github.kswordcount.direct;

import com.beust.jcommander.JCommander;
import io.github.kswordcount.core.job.BatchProgress;
import io.github.kswordcount.core.job.CommandLine;
import io.github.kswordcount.core.job.KafkaChecks;
import io.github.kswordcount.core.job.StreamingRun;
import io.github.kswordcount.core.job.UsageException;
import io.github.kswordcount.core.kafka.ConsumerLag;
import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.core.kafka.RecordDecoding;
import io.github.kswordcount.core.kafka.SharedAdmins;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * The direct word-count job: {@code java -jar direct-app.jar localhost:9092 lab}, or with named options;
 * {@code --help} lists them.
 */
public final class DirectApp {
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);

  private DirectApp() {}

  /**
   * Runs the job without exiting the JVM.
   *
   * @param args the command line
   * @param err where progress, errors and usage go (counts go to {@code System.out})
   * @return 0 after a requested stop, 1 when the job failed, 2 for a usage error
   */
  public static int run(String[] args, PrintStream err) {
    DirectOptions options = new DirectOptions();
    JCommander commander = null;
    try {
      commander = CommandLine.parse("direct-app", options, args);
      if (options.help()) {
        CommandLine.usage(commander, err);
        return 0;
      }
      DirectSettings settings = options.toSettings();
      List<String> required = new ArrayList<>(settings.source().topics());
      if (settings.count().outputTopic() != null) {
        required.add(settings.count().outputTopic());
      }
      KafkaChecks.requireTopics(settings.source().consumerParams(), required, KAFKA_TIMEOUT);
      return runJob(settings, err);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      if (commander != null) {
        CommandLine.usage(commander, err);
      }
      return 2;
    } catch (KafkaCallException e) {
      err.println("error: " + e.getMessage());
      SharedAdmins.closeAll();
      return 1;
    }
  }

  private static int runJob(DirectSettings settings, PrintStream err) {
    String group = settings.source().group();
    BatchProgress progress = BatchProgress.register(DirectJob.NAME, err, () -> ConsumerLag.total(
        ConsumerLag.ofGroup(SharedAdmins.forParams(settings.source().consumerParams()), group, KAFKA_TIMEOUT)),
        settings.job(), false);
    JavaStreamingContext ssc = DirectJob.context(settings);
    ssc.ssc().addStreamingListener(progress);
    err.println("Reading " + settings.source().describe() + " from " + settings.source().bootstrapServers()
        + " as group '" + group + "', batches of " + settings.job().batchMs() + " ms on " + settings.job().master());
    return StreamingRun.run(ssc, DirectJob.NAME, err, () -> {
      RecordDecoding decoding = RecordDecoding.forContext(ssc.sparkContext().sc());
      return "skipped=" + decoding.skipped() + " replaced=" + decoding.replaced();
    });
  }

  /**
   * Runs the job and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.err));
  }
}
