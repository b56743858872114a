package io.github.kswordcount.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.ConsumerStrategies;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;
import scala.Tuple2;

/**
 * The lab's job, the benchmark's alternative to direct-app: the direct word count as Spark's
 * {@code examples/JavaDirectKafkaWordCount} and the lab write it ({@code createDirectStream} with {@code Subscribe},
 * {@code line.split(" ")}, a {@code Tuple2} per word, {@code reduceByKey}, {@code print()}). Only the
 * {@link LabProgress} listener is added: a progress line per batch on stderr in direct-app's format; the job stops
 * once a batch without records follows one with records.
 *
 * <p>Usage: {@code LabDirectWordCount <brokers> <groupId> <topics> <master> <batchSeconds> [maxRatePerPartition]}
 * (the last sets {@code spark.streaming.kafka.maxRatePerPartition}, as direct-app's
 * {@code --max-rate-per-partition}, so that a backlog is read a full batch at a time)
 */
public final class LabDirectWordCount {

  private LabDirectWordCount() {}

  /**
   * Runs the job until the backlog is counted.
   *
   * @param args brokers, group id, topics (comma-separated), Spark master, batch interval in seconds, and
   *     optionally the records per second per partition
   * @throws InterruptedException if interrupted while waiting for the end
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 5 && args.length != 6) {
      System.err.println("Usage: LabDirectWordCount <brokers> <groupId> <topics> <master> <batchSeconds> "
          + "[maxRatePerPartition]");
      System.exit(2);
    }
    String brokers = args[0];
    String groupId = args[1];
    String topics = args[2];

    SparkConf sparkConf = new SparkConf().setAppName("JavaDirectKafkaWordCount").setMaster(args[3])
        .set("spark.ui.enabled", "false");
    if (args.length == 6) {
      sparkConf.set("spark.streaming.kafka.maxRatePerPartition", args[5]);
    }
    JavaStreamingContext jssc = new JavaStreamingContext(sparkConf,
        Durations.milliseconds(Math.round(Double.parseDouble(args[4]) * 1000)));

    Set<String> topicsSet = new HashSet<>(Arrays.asList(topics.split(",")));
    Map<String, Object> kafkaParams = new HashMap<>();
    kafkaParams.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    kafkaParams.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    kafkaParams.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    kafkaParams.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    // Spark's streaming-kafka guide; earliest is direct-app's --from-beginning for the new group.
    kafkaParams.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    kafkaParams.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);

    JavaInputDStream<ConsumerRecord<String, String>> messages = KafkaUtils.createDirectStream(
        jssc,
        LocationStrategies.PreferConsistent(),
        ConsumerStrategies.Subscribe(topicsSet, kafkaParams));

    JavaDStream<String> lines = messages.map(ConsumerRecord::value);
    JavaDStream<String> words = lines.flatMap(line -> Arrays.asList(line.split(" ")).iterator());
    JavaPairDStream<String, Integer> wordCounts = words.mapToPair(w -> new Tuple2<>(w, 1))
        .reduceByKey((i1, i2) -> i1 + i2);
    wordCounts.print();

    LabProgress progress = new LabProgress(System.err);
    jssc.addStreamingListener(progress);
    jssc.start();
    // Until the backlog is counted; awaitTerminationOrTimeout rethrows what failed the job.
    while (!progress.awaitBacklogCounted(100) && !jssc.awaitTerminationOrTimeout(100)) {
      continue;
    }
    jssc.stop(true, true);
    System.err.println(progress.summary());
  }
}
