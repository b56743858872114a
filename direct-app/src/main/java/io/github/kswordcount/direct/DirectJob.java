package io.github.kswordcount.direct;

import io.github.kswordcount.core.DirectWordCount;
import io.github.kswordcount.core.WordCountRun;
import io.github.kswordcount.jobframe.StreamingRun;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wires the direct job on core's {@link DirectWordCount}: the options become the builder's settings. */
final class DirectJob {
  static final String NAME = "direct-app";

  private DirectJob() {}

  /**
   * Builds the run, or recovers it from the checkpoint directory when one is given. With
   * {@code --exactly-once} core fences older runs of the group before the stream reads the group's offsets
   * and before Spark starts: a transactional id Kafka refuses ends the run with one error line.
   */
  static WordCountRun run(DirectSettings s) {
    Map<String, String> defaults = new LinkedHashMap<>();
    if (s.maxRatePerPartition() > 0) {
      defaults.put("spark.streaming.kafka.maxRatePerPartition", Long.toString(s.maxRatePerPartition()));
    }
    defaults.put("spark.streaming.backpressure.enabled", Boolean.toString(s.backpressure()));
    DirectWordCount count = s.configure(DirectWordCount.builder())
        .spark(StreamingRun.sparkConf(NAME, s.job(), DirectApp.class, defaults), Duration.ofMillis(s.job().batchMs()));
    if (s.exactlyOnce()) {
      count.exactlyOnce();
    }
    return count.build();
  }
}
