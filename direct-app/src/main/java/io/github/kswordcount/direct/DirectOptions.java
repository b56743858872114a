package io.github.kswordcount.direct;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import io.github.kswordcount.consolekit.UsageException;
import io.github.kswordcount.jobframe.CountOptions;
import io.github.kswordcount.jobframe.CountSettings;
import io.github.kswordcount.jobframe.JobOptions;
import io.github.kswordcount.jobframe.JobSettings;
import io.github.kswordcount.jobframe.KafkaSourceOptions;

/** The direct job's command line: the options shared with the receiver job, plus its own. */
final class DirectOptions {
  static final String DEFAULT_GROUP = "wordcount-direct";

  @ParametersDelegate
  private final KafkaSourceOptions source = new KafkaSourceOptions();

  @ParametersDelegate
  private final JobOptions job = new JobOptions();

  @ParametersDelegate
  private final CountOptions count = new CountOptions();

  @Parameter(names = "--exactly-once", description = "Write each batch's counts and commit its offsets in one Kafka "
      + "transaction (needs --output-topic)")
  private boolean exactlyOnce;

  @Parameter(names = "--max-rate-per-partition", description = "Read at most this many records per second per partition")
  private Long maxRatePerPartition;

  @Parameter(names = "--backpressure", description = "Adapt the read rate to the processing rate (Spark's backpressure)")
  private boolean backpressure;

  boolean help() {
    return job.help();
  }

  DirectSettings toSettings() {
    JobSettings jobSettings = job.toSettings();
    CountSettings countSettings = count.toSettings(job.batchSeconds(), job.checkpointDir());
    if (exactlyOnce && countSettings.outputTopic() == null) {
      throw UsageException.withUsage("--exactly-once needs --output-topic");
    }
    if (exactlyOnce && countSettings.windowed()) {
      throw UsageException.withUsage("--exactly-once and --window exclude each other: a window's counts are not a "
          + "function of one batch's offsets");
    }
    if (maxRatePerPartition != null && maxRatePerPartition < 1) {
      throw UsageException.withUsage("--max-rate-per-partition '" + maxRatePerPartition + "' is invalid: use a number >= 1");
    }
    return new DirectSettings(source.toSource(DEFAULT_GROUP), jobSettings, countSettings, exactlyOnce,
        maxRatePerPartition == null ? 0 : maxRatePerPartition, backpressure);
  }
}
