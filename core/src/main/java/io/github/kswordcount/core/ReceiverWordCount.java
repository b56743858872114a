package io.github.kswordcount.core;

import io.github.kswordcount.core.internal.count.CountPipeline;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import io.github.kswordcount.core.internal.output.FaultPoint;
import io.github.kswordcount.core.internal.output.KafkaCountsSink;
import io.github.kswordcount.core.internal.receiver.KafkaReceiverStream;
import io.github.kswordcount.core.internal.receiver.KafkaReceivers;
import io.github.kswordcount.core.internal.receiver.ReceivedRecord;
import io.github.kswordcount.core.internal.receiver.ReceiverSource;
import io.github.kswordcount.core.count.WordCounts;
import java.util.ArrayList;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * The receiver-based approach on Spark 3 (which removed {@code KafkaUtils.createStream}): reliable receivers in
 * one consumer group, each with its consumer threads, as static group members; Kafka's coordinator spreads the
 * partitions over them.
 *
 * <p>Guarantee (at least once): a receiver's offsets are committed only after the batch holding its records went
 * through every output (printout, sinks, output topic), in one guarded step; a failed output commits nothing and
 * ends the run. The run owns the rest of the lifecycle: a graceful {@link WordCountRun#stop()} commits the last
 * batches output after the receivers stopped, and a run recovered from its checkpoint reads what the dead run had
 * not counted from Kafka, never from the write-ahead log (which would count it twice). A receiver that fails three
 * times in a row for a cause no restart cures (fencing, authorization, authentication) ends the run.
 *
 * <pre>{@code
 * WordCountRun run = ReceiverWordCount.builder()
 *     .bootstrapServers("localhost:9092").topics("lab").group("lab-receiver").fromBeginning(true)
 *     .receivers(1).consumerThreads(1)         // the lab's {topic: 1}
 *     .print(10)
 *     .spark(new SparkConf().setMaster("local[2]").setAppName("lab"), Duration.ofSeconds(2))
 *     .build();
 * run.start();
 * }</pre>
 */
public final class ReceiverWordCount extends WordCountBuilder<ReceiverWordCount> {

  private int receivers = 1;
  private int consumerThreads = 1;
  private long maxRatePerReceiver;
  private String instance;
  private boolean writeAheadLog;

  private ReceiverWordCount() {}

  /**
   * Starts the setting of a receiver-based word count.
   *
   * @return a builder
   */
  public static ReceiverWordCount builder() {
    return new ReceiverWordCount();
  }

  /**
   * How many receivers (each holds one core of the cluster for good); 1 by default.
   *
   * @param receivers at least 1
   * @return this builder
   */
  public ReceiverWordCount receivers(int receivers) {
    require(receivers >= 1, "receivers " + receivers + " is invalid: use 1 or more");
    this.receivers = receivers;
    return this;
  }

  /**
   * Consumer threads per receiver; 1 by default.
   *
   * @param threads at least 1
   * @return this builder
   */
  public ReceiverWordCount consumerThreads(int threads) {
    require(threads >= 1, "consumerThreads " + threads + " is invalid: use 1 or more");
    this.consumerThreads = threads;
    return this;
  }

  /**
   * Records per second per receiver; 0, the default, for no limit.
   *
   * @param rate at least 0
   * @return this builder
   */
  public ReceiverWordCount maxRatePerReceiver(long rate) {
    require(rate >= 0, "maxRatePerReceiver " + rate + " is invalid: use 0 or more");
    this.maxRatePerReceiver = rate;
    return this;
  }

  /**
   * This process's name in the group, the prefix of its consumers' {@code group.instance.id}; by default
   * {@code <host>-<pid>}. Two processes reading with one group need two names; a process restarted with its old
   * name takes its partitions back at once.
   *
   * @param name 1 to 200 of {@code A-Z a-z 0-9 . _ -}
   * @return this builder
   */
  public ReceiverWordCount instance(String name) {
    this.instance = name;
    return this;
  }

  /**
   * Spark's receiver write-ahead log ({@code spark.streaming.receiver.writeAheadLog.enable}); needs
   * {@link #checkpoint(String)}. It keeps a batch countable where it is when its executor dies.
   *
   * @param on whether to log
   * @return this builder
   */
  public ReceiverWordCount writeAheadLog(boolean on) {
    this.writeAheadLog = on;
    return this;
  }

  /**
   * The instance name a builder uses when none is given: {@code <host>-<pid>}, unique among the processes running
   * now. A job that prints it lets its user restart with the same name.
   *
   * @return the name, with only the characters a {@code group.instance.id} may hold
   */
  public static String defaultInstance() {
    return ReceiverSource.processInstance();
  }

  @Override
  public WordCountRun build() {
    Map<String, Object> params = checkedParams();
    require(!writeAheadLog || checkpointDir != null, "writeAheadLog(true) needs checkpoint(...): the log is kept there");
    ReceiverSource base = ReceiverSource.of(params, topics).withKafkaTimeout(kafkaTimeout);
    ReceiverSource source = instance == null ? base : base.withInstance(instance);
    SparkConf conf = KafkaReceivers.withKryoRegistration(sparkConf.clone());
    conf.set("spark.streaming.receiver.writeAheadLog.enable", Boolean.toString(writeAheadLog));
    RunState state = RunState.register(group);
    try {
      KafkaReceivers.forgetEarlierRuns(source);
      Context context = context(conf, new Wiring(group, params, source, this)::graph);
      JavaStreamingContext ssc = context.ssc();
      if (context.recovered()) {
        KafkaReceivers.resumeFromKafka(ssc, source, consumerThreads, receivers, kafkaTimeout);
      }
      // Listeners are not checkpointed: added to a recovered context as well.
      ssc.ssc().addStreamingListener(KafkaReceivers.giveUpOnRepeatedFatalErrors(state::fail, params));
      return new WordCountRun(ssc, state, context.recovered(),
          () -> KafkaReceivers.handOverAfterStop(kafkaTimeout.dividedBy(2)));
    } catch (RuntimeException e) {
      RunState.unregister(state);
      SharedClients.closeAll();
      throw e;
    }
  }

  /** The builder's values the graph needs, copied: the checkpointed closures must not hold the builder. */
  private record Wiring(String key, Map<String, Object> params, ReceiverSource source, ReceiverWordCount b) {
    void graph(JavaStreamingContext ssc) {
      KafkaReceiverStream stream = KafkaReceivers.createStream(ssc, source, b.consumerThreads, b.receivers,
          b.maxRatePerReceiver);
      JavaDStream<ReceivedRecord> records = stream.records();
      if (b.batchCounts) {
        // Counted as they are read, as the direct stream's: Spark's input info says 0 for a batch whose blocks
        // came from before a restart (seen: records=0 beside words=528).
        records = RunState.countRecords(key, records);
      }
      CountPipeline counts = b.counting.pipeline(WordCounts.perBatchOfValues(records.map(ReceivedRecord::value),
          b.values, b.tokenizer));
      ArrayList<CountsSink> sinks = new ArrayList<>(b.sinks);
      KafkaCountsSink topic = b.outputTopic == null ? null : KafkaCountsSink.atLeastOnce(params, b.outputTopic,
          b.kafkaTimeout);
      registerOutputs(key, counts, b.print, b.batchCounts, (rdd, time) -> {
        FaultPoint.beforeOutput(() -> !rdd.isEmpty());
        for (CountsSink sink : sinks) {
          sink.write(rdd, time);
        }
        if (topic != null) {
          topic.write(rdd);
        }
        return stream.countedUpTo(time);
      });
    }
  }
}
