package io.github.kswordcount.receiverapp;

import io.github.kswordcount.core.ReceiverWordCount;
import io.github.kswordcount.core.WordCountRun;
import io.github.kswordcount.jobframe.StreamingRun;
import java.time.Duration;
import java.util.Map;

/** Wires the receiver job on core's {@link ReceiverWordCount}: the options become the builder's settings. */
final class ReceiverJob {
  static final String NAME = "receiver-app";

  private ReceiverJob() {}

  /**
   * Builds the run, or recovers it from the checkpoint; a recovered one reads what the dead run had not counted
   * from Kafka, not from the write-ahead log, which would count it twice (core does this).
   */
  static WordCountRun run(ReceiverSettings s) {
    return s.configure(ReceiverWordCount.builder())
        .receivers(s.receivers())
        .consumerThreads(s.consumerThreads())
        .maxRatePerReceiver(s.maxRate())
        .instance(s.instanceId())
        .writeAheadLog(s.writeAheadLog())
        .spark(StreamingRun.sparkConf(NAME, s.job(), ReceiverApp.class, Map.of()), Duration.ofMillis(s.job().batchMs()))
        .build();
  }
}
