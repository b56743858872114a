package io.github.kswordcount.core.internal.receiver;

import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/** The local streaming context of the receiver ITs: three cores, half-second batches, the write-ahead log on. */
final class LocalStreaming {

  private LocalStreaming() {}

  /**
   * A context checkpointing into {@code checkpoint}, with the receiver write-ahead log on.
   *
   * @param appName the application name
   * @param checkpoint the checkpoint directory
   * @return the context, not started
   */
  static JavaStreamingContext withWriteAheadLog(String appName, Path checkpoint) {
    SparkConf conf = new SparkConf().setMaster("local[3]").setAppName(appName)
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.streaming.receiver.writeAheadLog.enable", "true");
    JavaStreamingContext context = new JavaStreamingContext(conf, Durations.milliseconds(500));
    context.checkpoint(checkpoint.toString());
    return context;
  }
}
