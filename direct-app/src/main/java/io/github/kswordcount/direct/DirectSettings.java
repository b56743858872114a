package io.github.kswordcount.direct;

import io.github.kswordcount.jobframe.CountSettings;
import io.github.kswordcount.jobframe.JobPlan;
import io.github.kswordcount.jobframe.JobSettings;
import io.github.kswordcount.jobframe.KafkaSource;
import java.util.List;
import java.util.Map;

/**
 * The direct job's validated settings.
 *
 * @param source what to read
 * @param job how to run on Spark
 * @param count what to count and where to write it
 * @param exactlyOnce whether counts and offsets are committed in one transaction
 * @param maxRatePerPartition records per second per partition, 0 for no limit
 * @param backpressure whether Spark's backpressure is on
 */
record DirectSettings(KafkaSource source, JobSettings job, CountSettings count, boolean exactlyOnce,
    long maxRatePerPartition, boolean backpressure) implements JobPlan {

  /** Exactly once, the transaction coordinator writes each batch's commit to its log as well. */
  @Override
  public List<String> writtenTopics() {
    List<String> written = JobPlan.super.writtenTopics();
    if (exactlyOnce) {
      written.add(TRANSACTION_LOG);
    }
    return written;
  }

  @Override
  public Map<String, String> identity() {
    Map<String, String> identity = JobPlan.super.identity();
    identity.put("exactly-once", Boolean.toString(exactlyOnce));
    return identity;
  }
}
