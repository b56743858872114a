package io.github.kswordcount.jobframe;

import com.beust.jcommander.Parameter;
import io.github.kswordcount.consolekit.KeyValueArgs;
import io.github.kswordcount.consolekit.UsageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How both jobs run on Spark: master, batch interval, checkpoints, extra Spark settings and when to stop. */
public final class JobOptions {

  @Parameter(names = "--master", description = "Spark master URL (default: local[*], or what spark-submit set)")
  private String master;

  @Parameter(names = "--batch-seconds", description = "Batch interval in seconds (decimals allowed)")
  private double batchSeconds = 2;

  @Parameter(names = "--checkpoint-dir", description = "Directory for Spark's checkpoints (running totals, recovery)")
  private String checkpointDir;

  @Parameter(names = "--spark-conf", description = "A Spark setting key=value; repeatable")
  private List<String> sparkConf = new ArrayList<>();

  @Parameter(names = "--stop-when-idle", description = "Stop gracefully after this many batches in a row without records while the "
      + "group has no lag")
  private Integer stopWhenIdle;

  @Parameter(names = "--max-batches", description = "Stop gracefully after this many batches")
  private Integer maxBatches;

  @Parameter(names = "--kafka-timeout-seconds", description = "How long one Kafka call of a batch (the output's "
      + "acknowledgements, an offset commit) may take before the job ends with an error; a transaction's calls get "
      + "twice this. Also how long the job rides out an outage of the brokers it writes to (default: 30)")
  private Integer kafkaTimeoutSeconds;

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this usage and exit")
  private boolean help;

  /**
   * Whether the user asked for the usage.
   *
   * @return {@code true} with {@code --help}
   */
  public boolean help() {
    return help;
  }

  /**
   * The checkpoint directory as given, or {@code null}.
   *
   * @return the directory
   */
  public String checkpointDir() {
    return checkpointDir;
  }

  /**
   * The batch interval as given.
   *
   * @return seconds
   */
  public double batchSeconds() {
    return batchSeconds;
  }

  /**
   * Applies the rules and resolves the master.
   *
   * @return the validated settings
   * @throws UsageException naming the bad option and the rule
   */
  public JobSettings toSettings() {
    if (!(batchSeconds >= 0.01) || batchSeconds > 86_400) {
      throw UsageException.withUsage("--batch-seconds '" + batchSeconds + "' is invalid: use a number from 0.01 to 86400");
    }
    requirePositive("--stop-when-idle", stopWhenIdle);
    requirePositive("--max-batches", maxBatches);
    if (kafkaTimeoutSeconds != null && (kafkaTimeoutSeconds < 1 || kafkaTimeoutSeconds > 3600)) {
      throw UsageException.withUsage("--kafka-timeout-seconds '" + kafkaTimeoutSeconds
          + "' is invalid: use a number from 1 to 3600");
    }
    Map<String, String> conf = new LinkedHashMap<>();
    for (String pair : sparkConf) {
      try {
        Map.Entry<String, String> entry = KeyValueArgs.parsePair(pair);
        conf.put(entry.getKey(), entry.getValue());
      } catch (IllegalArgumentException e) {
        throw UsageException.withUsage("--spark-conf " + e.getMessage());
      }
    }
    String resolvedMaster = master != null ? master
        : System.getProperty("spark.master", conf.getOrDefault("spark.master", "local[*]"));
    return new JobSettings(resolvedMaster, Math.round(batchSeconds * 1000), checkpointDir, Map.copyOf(conf),
        stopWhenIdle == null ? 0 : stopWhenIdle, maxBatches == null ? 0 : maxBatches,
        kafkaTimeoutSeconds == null ? null : Duration.ofSeconds(kafkaTimeoutSeconds));
  }

  private static void requirePositive(String option, Integer value) {
    if (value != null && value < 1) {
      throw UsageException.withUsage(option + " '" + value + "' is invalid: use a number >= 1");
    }
  }
}
