package io.github.kswordcount.core;

import io.github.kswordcount.core.internal.kafka.BatchOffsets;
import io.github.kswordcount.core.internal.kafka.BatchRange;
import io.github.kswordcount.core.internal.kafka.CommitPlan;
import io.github.kswordcount.core.internal.kafka.GroupAssign;
import io.github.kswordcount.core.internal.kafka.OffsetCommitter;
import io.github.kswordcount.core.internal.kafka.SingleReadDirectStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * The direct approach's lower-level pieces, for a team whose graph is not a word count: each batch's records,
 * and one output step that runs the team's output and then commits the batch's offsets, from where the batch
 * began (at least once). Made by {@link DirectWordCount#offsets(JavaStreamingContext)} from the builder's source.
 *
 * <pre>{@code
 * DirectOffsets source = DirectWordCount.builder()
 *     .bootstrapServers("localhost:9092").topics("lab").group("lab-lines").fromBeginning(true)
 *     .offsets(ssc);
 * JavaDStream<String> lines = source.records().map(r -> new String(r.value(), StandardCharsets.UTF_8));
 * source.outputThenCommit(lines, (rdd, time) -> rdd.saveAsTextFile("out/" + time.milliseconds()));
 * }</pre>
 *
 * <p>Output and commit are one closure, so a failed output is never followed by its commit; a batch Spark
 * replays from a checkpoint that the group has already passed is not output again. Register
 * {@code outputThenCommit} once, as the graph's last output operation, and put every output of the batch in
 * it: an output operation registered on its own is not covered (Spark runs the next output operations of a
 * batch even when one failed).
 */
public final class DirectOffsets implements Serializable {
  private static final long serialVersionUID = 1L;

  private final transient JavaDStream<ConsumerRecord<byte[], byte[]>> records;
  private final BatchOffsets offsets;
  private final OffsetCommitter committer;

  private DirectOffsets(JavaDStream<ConsumerRecord<byte[], byte[]>> records, BatchOffsets offsets,
      OffsetCommitter committer) {
    this.records = records;
    this.offsets = offsets;
    this.committer = committer;
  }

  static DirectOffsets create(JavaStreamingContext ssc, Map<String, Object> params, GroupAssign<byte[]> strategy,
      Duration commitTimeout) {
    BatchOffsets offsets = new BatchOffsets(strategy);
    return new DirectOffsets(offsets.track(SingleReadDirectStream.create(ssc, strategy)), offsets,
        OffsetCommitter.forGroup(params, commitTimeout));
  }

  /**
   * The records of each batch (keys and values as bytes, as Kafka stored them).
   *
   * @return the stream
   */
  public JavaDStream<ConsumerRecord<byte[], byte[]>> records() {
    return records;
  }

  /**
   * Registers the last output operation: for each batch of {@code stream}, {@code output}, then the commit of
   * every batch's offsets up to it. When {@code output} throws, nothing is committed and the batch fails.
   *
   * @param stream a stream derived from {@link #records()}
   * @param output the team's output of one batch
   * @param <T> the stream's element type
   */
  public <T> void outputThenCommit(JavaDStream<T> stream, VoidFunction2<JavaRDD<T>, Time> output) {
    BatchOffsets ledger = offsets;
    OffsetCommitter group = committer;
    stream.foreachRDD((rdd, time) -> {
      List<BatchRange> batch = ledger.takeUpTo(time);
      CommitPlan plan = group.plan(batch);
      if (plan.write()) {
        output.call(rdd, time);
      }
      group.commit(plan);
    });
  }
}
