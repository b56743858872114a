package io.github.kswordcount.direct;

import io.github.kswordcount.core.job.CountPipeline;
import io.github.kswordcount.core.job.StreamingRun;
import io.github.kswordcount.core.kafka.BatchOffsets;
import io.github.kswordcount.core.kafka.GroupAssign;
import io.github.kswordcount.core.kafka.OffsetCommitter;
import io.github.kswordcount.core.kafka.RecordTexts;
import io.github.kswordcount.core.output.KafkaCountsSink;
import io.github.kswordcount.core.output.TransactionalCountsWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.ConsumerStrategy;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;

/** Wires the direct job: Kafka direct stream, counts, outputs, and the offset commit after each batch's output. */
final class DirectJob {
  static final String NAME = "direct-app";

  private DirectJob() {}

  /** Creates the context with its pipeline, or recovers it from the checkpoint directory when one is given. */
  static JavaStreamingContext context(DirectSettings s) {
    if (s.job().checkpointDir() == null) {
      return build(s);
    }
    return JavaStreamingContext.getOrCreate(s.job().checkpointDir(), () -> build(s));
  }

  private static JavaStreamingContext build(DirectSettings s) {
    Map<String, String> defaults = new LinkedHashMap<>();
    // The input may be written in transactions (commit markers leave gaps in offsets).
    defaults.put("spark.streaming.kafka.allowNonConsecutiveOffsets", "true");
    if (s.maxRatePerPartition() > 0) {
      defaults.put("spark.streaming.kafka.maxRatePerPartition", Long.toString(s.maxRatePerPartition()));
    }
    defaults.put("spark.streaming.backpressure.enabled", Boolean.toString(s.backpressure()));
    SparkConf conf = StreamingRun.sparkConf(NAME, s.job(), DirectApp.class, defaults);
    JavaStreamingContext ssc = new JavaStreamingContext(conf, new org.apache.spark.streaming.Duration(s.job().batchMs()));
    if (s.job().checkpointDir() != null) {
      ssc.checkpoint(s.job().checkpointDir());
    }
    Map<String, Object> params = s.source().consumerParams();
    JavaInputDStream<ConsumerRecord<byte[], byte[]>> records =
        KafkaUtils.createDirectStream(ssc, LocationStrategies.PreferConsistent(), strategy(s));
    BatchOffsets offsets = new BatchOffsets();
    JavaDStream<String> lines = RecordTexts.of(offsets.track(records), s.count().extractor());
    CountPipeline counts = CountPipeline.of(lines, s.count());
    counts.printAndTrack(NAME, s.count());
    String outputTopic = s.count().outputTopic();
    if (s.exactlyOnce()) {
      TransactionalCountsWriter writer = TransactionalCountsWriter.forGroup(params, outputTopic);
      counts.emitted().foreachRDD((rdd, time) -> writer.write(rdd, offsets.take(time)));
    } else {
      if (outputTopic != null) {
        KafkaCountsSink sink = KafkaCountsSink.atLeastOnce(params, outputTopic);
        counts.emitted().foreachRDD(rdd -> sink.write(rdd));
      }
      // Last output operation of the batch: the offsets move only after every output above has finished.
      OffsetCommitter committer = OffsetCommitter.forGroup(params, Duration.ofSeconds(30));
      counts.batch().foreachRDD((rdd, time) -> committer.commit(offsets.take(time)));
    }
    return ssc;
  }

  private static ConsumerStrategy<byte[], byte[]> strategy(DirectSettings s) {
    Map<String, Object> params = s.source().consumerParams();
    return s.source().include() == null ? GroupAssign.topics(s.source().topics(), params)
        : GroupAssign.pattern(s.source().include(), params, GroupAssign.DEFAULT_REFRESH);
  }
}
