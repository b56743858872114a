package io.github.kswordcount.receiverapp;

import io.github.kswordcount.core.internal.count.CountPipeline;
import io.github.kswordcount.jobframe.BatchProgress;
import io.github.kswordcount.jobframe.JobOutputs;
import io.github.kswordcount.jobframe.StreamingRun;
import io.github.kswordcount.core.internal.text.RecordTexts;
import io.github.kswordcount.core.internal.output.KafkaCountsSink;
import io.github.kswordcount.core.internal.receiver.KafkaReceiverStream;
import io.github.kswordcount.core.internal.receiver.KafkaReceivers;
import io.github.kswordcount.core.internal.receiver.ReceivedRecord;
import io.github.kswordcount.core.internal.receiver.ReceiverSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/** Wires the receiver job: reliable Kafka receivers, counts, outputs, then the receivers' commit. */
final class ReceiverJob {
  static final String NAME = "receiver-app";
  private static final java.time.Duration RESUME_TIMEOUT = java.time.Duration.ofSeconds(30);

  private ReceiverJob() {}

  /**
   * Recovers the context from the checkpoint or builds it anew. A recovered one reads what the dead run had not
   * counted from Kafka, not from the write-ahead log, which would count it twice.
   */
  static JavaStreamingContext context(ReceiverSettings s) {
    boolean[] built = {false};
    JavaStreamingContext ssc = s.checkpointDir() == null ? build(s)
        : JavaStreamingContext.getOrCreate(s.checkpointDir(), () -> {
          built[0] = true;
          return build(s);
        });
    if (!built[0] && s.checkpointDir() != null) {
      KafkaReceivers.resumeFromKafka(ssc, source(s), s.consumerThreads(), s.receivers(), RESUME_TIMEOUT);
    }
    // Listeners are not checkpointed: added to a recovered context as well.
    ssc.ssc().addStreamingListener(KafkaReceivers.giveUpOnRepeatedFatalErrors(ReceiverJob::giveUp));
    return ssc;
  }

  /** A receiver that cannot consume ends the run with one error line (StreamingRun reads the failure). */
  private static void giveUp(RuntimeException e) {
    BatchProgress progress = BatchProgress.of(NAME);
    if (progress != null) {
      progress.failed(e);
    }
  }

  private static ReceiverSource source(ReceiverSettings s) {
    return ReceiverSource.of(s.source().consumerParams(), s.source().topics()).withInstance(s.instanceId());
  }

  private static JavaStreamingContext build(ReceiverSettings s) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("spark.streaming.receiver.writeAheadLog.enable", Boolean.toString(s.writeAheadLog()));
    SparkConf conf = KafkaReceivers.withKryoRegistration(
        StreamingRun.sparkConf(NAME, s.job(), ReceiverApp.class, defaults));
    JavaStreamingContext ssc = new JavaStreamingContext(conf, new Duration(s.job().batchMs()));
    if (s.checkpointDir() != null) {
      ssc.checkpoint(s.checkpointDir());
    }
    Map<String, Object> params = s.source().consumerParams();
    KafkaReceiverStream stream =
        KafkaReceivers.createStream(ssc, source(s), s.consumerThreads(), s.receivers(), s.maxRate());
    JavaDStream<String> lines = RecordTexts.of(stream.records(), ReceivedRecord::value, s.count().extractor());
    CountPipeline counts = s.count().pipeline(lines);
    JobOutputs.printAndTrack(NAME, counts, s.count());
    if (s.count().outputTopic() != null) {
      JobOutputs.write(NAME, counts, KafkaCountsSink.atLeastOnce(params, s.count().outputTopic()));
    }
    JobOutputs.commitReceived(NAME, counts, stream);
    return ssc;
  }
}
