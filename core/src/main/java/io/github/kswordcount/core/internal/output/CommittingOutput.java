package io.github.kswordcount.core.internal.output;

import io.github.kswordcount.core.internal.kafka.BatchRange;
import io.github.kswordcount.core.internal.kafka.CommitPlan;
import io.github.kswordcount.core.internal.kafka.OffsetCommitter;
import io.github.kswordcount.core.CountsSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.streaming.Time;

/**
 * At least once: gives a batch's counts to the user's sinks in order, writes them to the output topic (when
 * there is one) and waits for every acknowledgement, then commits the batch's offsets. A sink that throws
 * ends the step before the commit. A batch the group has already passed (replayed from a
 * checkpoint) is not written again; a batch whose start the group does not hold fails.
 */
public final class CommittingOutput implements BatchOutput {
  private static final long serialVersionUID = 1L;

  private final ArrayList<CountsSink> sinks;
  private final KafkaCountsSink sink;
  private final OffsetCommitter committer;

  private CommittingOutput(List<CountsSink> sinks, KafkaCountsSink sink, OffsetCommitter committer) {
    this.sinks = new ArrayList<>(sinks);
    this.sink = sink;
    this.committer = committer;
  }

  /**
   * Commits after the sinks and the output topic.
   *
   * @param sinks the user's sinks, run in order
   * @param sink the output topic's sink, or {@code null} for none
   * @param committer the group's committer
   * @return the output
   */
  public static CommittingOutput of(List<CountsSink> sinks, KafkaCountsSink sink, OffsetCommitter committer) {
    return new CommittingOutput(sinks, sink, committer);
  }

  @Override
  public Map<TopicPartition, Long> write(JavaPairRDD<String, Long> counts, Time time, List<BatchRange> batch)
      throws Exception {
    CommitPlan plan = committer.plan(batch);
    if (plan.write()) {
      FaultPoint.beforeOutput(batch);
      for (CountsSink own : sinks) {
        own.write(counts, time);
      }
      if (sink != null) {
        sink.write(counts);
      }
      FaultPoint.afterOutput(batch);
      if (!plan.offsets().isEmpty() && batch.stream().anyMatch(range -> range.size() > 0)) {
        FaultPoint.at(FaultPoint.Moment.OFFSET_COMMIT);
      }
    }
    committer.commit(plan);
    return plan.positions();
  }
}
