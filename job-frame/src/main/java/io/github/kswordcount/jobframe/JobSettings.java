package io.github.kswordcount.jobframe;

import io.github.kswordcount.core.WordCountBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * The validated Spark settings of a job.
 *
 * @param master the Spark master URL
 * @param batchMs the batch interval in milliseconds
 * @param checkpointDir the checkpoint directory, or {@code null}
 * @param sparkConf extra Spark settings
 * @param stopWhenIdle batches in a row without records after which the job stops, 0 for never
 * @param maxBatches batches after which the job stops, 0 for never
 * @param kafkaTimeout how long one Kafka call of a batch may take, or {@code null} for core's default
 */
public record JobSettings(
    String master, long batchMs, String checkpointDir, Map<String, String> sparkConf, int stopWhenIdle,
    int maxBatches, Duration kafkaTimeout) {

  /**
   * How long one Kafka call of a batch may take.
   *
   * @return the given bound, or core's default
   */
  public Duration kafkaTimeoutOrDefault() {
    return kafkaTimeout == null ? WordCountBuilder.DEFAULT_KAFKA_TIMEOUT : kafkaTimeout;
  }

  /**
   * Whether Spark runs inside this JVM.
   *
   * @return {@code true} for {@code local}, {@code local[n]} and {@code local[*]}
   */
  public boolean localMaster() {
    return master.startsWith("local");
  }
}
