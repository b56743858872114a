package io.github.kswordcount.core.internal.output;

import io.github.kswordcount.core.internal.kafka.BatchRange;
import io.github.kswordcount.core.internal.kafka.CommitPlan;
import io.github.kswordcount.core.internal.kafka.OffsetCommitter;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;

/**
 * At least once: writes a batch's counts to the output topic (when there is one) and waits for every
 * acknowledgement, then commits the batch's offsets. A batch the group has already passed (replayed from a
 * checkpoint) is not written again; a batch whose start the group does not hold fails.
 */
public final class CommittingOutput implements BatchOutput {
  private static final long serialVersionUID = 1L;

  private final KafkaCountsSink sink;
  private final OffsetCommitter committer;

  private CommittingOutput(KafkaCountsSink sink, OffsetCommitter committer) {
    this.sink = sink;
    this.committer = committer;
  }

  /**
   * Commits after writing to a sink.
   *
   * @param sink where counts go, or {@code null} to only commit (the counts were printed)
   * @param committer the group's committer
   * @return the output
   */
  public static CommittingOutput of(KafkaCountsSink sink, OffsetCommitter committer) {
    return new CommittingOutput(sink, committer);
  }

  @Override
  public void write(JavaPairRDD<String, Long> counts, List<BatchRange> batch) {
    CommitPlan plan = committer.plan(batch);
    if (plan.write()) {
      if (sink != null) {
        sink.write(counts);
      }
      FaultPoint.afterOutput(batch);
    }
    committer.commit(plan);
  }
}
