package io.github.kswordcount.core.job;

/** What every word-count job's settings hold: the Kafka source, the Spark settings and the counting. */
public interface JobPlan {

  /**
   * What to read.
   *
   * @return the source
   */
  KafkaSource source();

  /**
   * How to run on Spark.
   *
   * @return the job settings
   */
  JobSettings job();

  /**
   * What to count and where to write it.
   *
   * @return the counting settings
   */
  CountSettings count();
}
