package io.github.kswordcount.core;

import java.io.Serializable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.streaming.Time;

/**
 * A team's own output of the counts, run in order with core's outputs inside the batch's guarded step: the
 * batch's offsets are committed only after every sink returned, and a sink that throws ends the run with
 * nothing committed for that batch (at least once: a restart gives the sink the batch again).
 *
 * <p>It is serialized into the checkpoint with the stream: keep it free of live connections (open them on the
 * executors, in {@code foreachPartition}, as Spark's guide says).
 *
 * <pre>{@code
 * CountsSink toFiles = (counts, time) -> counts.saveAsTextFile("out/counts-" + time.milliseconds());
 * }</pre>
 */
@FunctionalInterface
public interface CountsSink extends Serializable {

  /**
   * Writes one batch's (or window slide's) counts.
   *
   * @param counts {@code (word, count)} pairs
   * @param time the batch time
   * @throws Exception when the write failed: nothing of the batch is committed, and the run ends
   */
  void write(JavaPairRDD<String, Long> counts, Time time) throws Exception;
}
