package io.github.kswordcount.core;

import io.github.kswordcount.core.internal.count.CountPipeline;
import io.github.kswordcount.core.internal.kafka.ConsumerParams;
import io.github.kswordcount.core.internal.output.BatchPrinter;
import io.github.kswordcount.core.kafka.Topics;
import io.github.kswordcount.core.text.Tokenizer;
import io.github.kswordcount.core.text.Tokenizers;
import io.github.kswordcount.core.text.ValueExtractor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import scala.reflect.ClassTag$;

/**
 * What both approaches are told: where to read, how to count, where the counts go, and how Spark runs. Start
 * from {@link DirectWordCount#builder()} or {@link ReceiverWordCount#builder()}; {@code build()} checks the whole
 * setting once and refuses contradictions before anything runs.
 *
 * @param <B> the builder itself
 */
public abstract class WordCountBuilder<B extends WordCountBuilder<B>> {
  /** The default of {@link #kafkaTimeout(Duration)}. */
  public static final Duration DEFAULT_KAFKA_TIMEOUT = Duration.ofSeconds(30);
  /**
   * The serializer a run gets unless its settings name one. On the receiver job's backlog (1,000,000 records,
   * {@code local[2]}) Java serialization was a third of the receiver thread's samples (storing each block) and
   * a fifth of the executors' (reading the blocks, the shuffle, the tasks).
   */
  static final String KRYO = "org.apache.spark.serializer.KryoSerializer";

  String bootstrapServers;
  Topics topics;
  String group;
  final Map<String, Object> consumerProperties = new LinkedHashMap<>();
  boolean fromBeginning;
  Tokenizer tokenizer = Tokenizers.words();
  ValueExtractor values = ValueExtractor.utf8();
  Counting counting = Counting.perBatch();
  int print;
  String outputTopic;
  final List<CountsSink> sinks = new ArrayList<>();
  String checkpointDir;
  SparkConf sparkConf;
  Duration batchInterval;
  boolean batchCounts;
  Duration kafkaTimeout = DEFAULT_KAFKA_TIMEOUT;

  WordCountBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * The brokers to read from (and to write the counts to).
   *
   * @param bootstrapServers {@code host:port[,host:port...]}
   * @return this builder
   */
  public B bootstrapServers(String bootstrapServers) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    return self();
  }

  /**
   * The topics to read, by name.
   *
   * @param names one or more topic names
   * @return this builder
   */
  public B topics(String... names) {
    return topics(Topics.names(Arrays.asList(names)));
  }

  /**
   * The topics to read: names, or a pattern ({@link Topics#pattern}) whose new topics are picked up while running.
   *
   * @param topics the topics
   * @return this builder
   */
  public B topics(Topics topics) {
    this.topics = Objects.requireNonNull(topics, "topics");
    return self();
  }

  /**
   * The topics whose names match a regular expression (never Kafka's internal {@code __} topics).
   *
   * @param regex a {@link Pattern} matched against whole topic names
   * @return this builder
   */
  public B topicPattern(String regex) {
    return topics(Topics.pattern(Pattern.compile(regex)));
  }

  /**
   * The consumer group: where the run's offsets are committed, and where a restart resumes.
   *
   * @param group the group id
   * @return this builder
   */
  public B group(String group) {
    this.group = Objects.requireNonNull(group, "group");
    return self();
  }

  /**
   * Adds consumer properties (security, fetch sizes, {@code isolation.level}...); they win over core's
   * defaults, but {@code bootstrap.servers} and {@code group.id} are always the builder's, and
   * {@code enable.auto.commit=true} is refused at {@code build()}.
   *
   * @param properties consumer config names and values
   * @return this builder
   */
  public B consumerProperties(Map<String, ?> properties) {
    consumerProperties.putAll(properties);
    return self();
  }

  /**
   * Adds one consumer property, as {@link #consumerProperties(Map)}.
   *
   * @param key a consumer config name
   * @param value its value
   * @return this builder
   */
  public B consumerProperty(String key, Object value) {
    consumerProperties.put(key, value);
    return self();
  }

  /**
   * Where the group has no committed offset: start at the earliest offset ({@code true}) or the latest (the
   * default, as Kafka's). A group with committed offsets always resumes from them.
   *
   * @param fromBeginning whether to start at the earliest offset
   * @return this builder
   */
  public B fromBeginning(boolean fromBeginning) {
    this.fromBeginning = fromBeginning;
    return self();
  }

  /**
   * How lines become words; {@link Tokenizers#words()} by default.
   *
   * @param tokenizer the tokenizer
   * @return this builder
   */
  public B tokenizer(Tokenizer tokenizer) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    return self();
  }

  /**
   * How a record's value becomes a line; the value as UTF-8 ({@link ValueExtractor#utf8()}) by default.
   *
   * @param values the extractor
   * @return this builder
   */
  public B values(ValueExtractor values) {
    this.values = Objects.requireNonNull(values, "values");
    return self();
  }

  /**
   * What each batch emits; {@link Counting#perBatch()} by default.
   *
   * @param counting per batch, windowed or running totals
   * @return this builder
   */
  public B counting(Counting counting) {
    this.counting = Objects.requireNonNull(counting, "counting");
    return self();
  }

  /**
   * Prints the first {@code top} counts of each batch on stdout, as {@code DStream.print()} does (count
   * descending, then word); 0, the default, prints nothing.
   *
   * @param top pairs per batch
   * @return this builder
   */
  public B print(int top) {
    if (top < 0) {
      throw new IllegalArgumentException("print " + top + " is invalid: use 0 or more");
    }
    this.print = top;
    return self();
  }

  /**
   * Writes each batch's counts to a Kafka topic (key: the word as UTF-8; value: the count as a decimal UTF-8
   * string), every record acknowledged before the batch's offsets are committed.
   *
   * @param topic the output topic; it must exist and must not be one the run reads
   * @return this builder
   */
  public B toTopic(String topic) {
    this.outputTopic = Objects.requireNonNull(topic, "topic");
    return self();
  }

  /**
   * Adds a sink of the team's own; sinks run in the order added, before the output topic and the commit.
   *
   * @param sink the sink
   * @return this builder
   */
  public B sink(CountsSink sink) {
    sinks.add(Objects.requireNonNull(sink, "sink"));
    return self();
  }

  /**
   * Checkpoints the stream there, so that a new run with the same directory recovers it (running totals and
   * windows included). Required for {@link Counting#runningTotals()}.
   *
   * @param dir a directory Hadoop can write ({@code file:}, {@code hdfs:}...)
   * @return this builder
   */
  public B checkpoint(String dir) {
    this.checkpointDir = dir;
    return self();
  }

  /**
   * The Spark settings (master, app name...) and the batch interval. Core adds what its guarantees need
   * (e.g. {@code spark.streaming.kafka.allowNonConsecutiveOffsets} for transactional input) to a copy, and
   * Kryo as {@code spark.serializer} unless the settings name a serializer: the counts' shuffle and the receivers'
   * blocks would otherwise go through Java serialization.
   *
   * @param conf the Spark configuration
   * @param batchInterval how often a batch is cut
   * @return this builder
   */
  public B spark(SparkConf conf, Duration batchInterval) {
    this.sparkConf = Objects.requireNonNull(conf, "conf");
    this.batchInterval = Objects.requireNonNull(batchInterval, "batchInterval");
    return self();
  }

  /**
   * Keeps each batch's records, words and distinct words for {@link WordCountRun#batchCounts(Time)} (one small
   * Spark job per batch for the words); off by default.
   *
   * @param on whether to keep them
   * @return this builder
   */
  public B batchCounts(boolean on) {
    this.batchCounts = on;
    return self();
  }

  /**
   * How long one Kafka call of a batch may take before the run fails with a {@link
   * io.github.kswordcount.core.kafka.KafkaCallException}: the acknowledgements of a partition of counts written
   * to the output topic, an offset commit, the receiver's note of what it counted; a transaction's calls
   * ({@code initTransactions}, {@code commitTransaction}) get twice this. Kafka's clients retry a refusal such as
   * {@code NOT_ENOUGH_REPLICAS} without a word until then, so this is also how long a run rides out an outage of
   * the brokers it writes to. Default 30 s.
   *
   * @param timeout at least 1 s
   * @return this builder
   */
  public B kafkaTimeout(Duration timeout) {
    require(timeout.compareTo(Duration.ofSeconds(1)) >= 0, "kafkaTimeout must be at least 1 s, not " + timeout);
    this.kafkaTimeout = timeout;
    return self();
  }

  /**
   * Checks the setting and creates the run: the streaming context built, or recovered from the checkpoint, with
   * the stream, the counting and the outputs registered; nothing reads Kafka until {@link WordCountRun#start()}.
   *
   * @return the run
   * @throws IllegalArgumentException when the setting is incomplete or contradicts itself
   * @throws io.github.kswordcount.core.kafka.KafkaCallException when Kafka refuses what must happen before start
   */
  public abstract WordCountRun build();

  /** The checks both approaches share; the merged consumer parameters. */
  Map<String, Object> checkedParams() {
    require(bootstrapServers != null, "bootstrapServers(...) is required");
    require(topics != null, "topics(...) or topicPattern(...) is required");
    require(group != null, "group(...) is required");
    require(sparkConf != null, "spark(conf, batchInterval) is required");
    require(batchInterval.toMillis() > 0, "the batch interval must be positive");
    require(!counting.needsCheckpoint() || checkpointDir != null,
        "counting " + counting + " needs checkpoint(...): Spark keeps its state there");
    require(!counting.isWindowed() || (counting.windowMs() % batchInterval.toMillis() == 0
        && counting.slideMs() % batchInterval.toMillis() == 0),
        "the window and the slide must be multiples of the batch interval " + batchInterval.toMillis() + " ms");
    require(outputTopic == null || !topics.matches(outputTopic),
        "output topic '" + outputTopic + "' is one the run reads: it would count its own output");
    return ConsumerParams.of(bootstrapServers, group, fromBeginning, consumerProperties);
  }

  /**
   * The streaming context: made anew with {@code graph} registered on it, or recovered from the checkpoint
   * directory (which holds the graph).
   */
  Context context(SparkConf conf, java.util.function.Consumer<JavaStreamingContext> graph) {
    conf.setIfMissing("spark.serializer", KRYO);
    boolean[] built = {false};
    org.apache.spark.api.java.function.Function0<JavaStreamingContext> create = () -> {
      built[0] = true;
      JavaStreamingContext ssc = new JavaStreamingContext(conf,
          new org.apache.spark.streaming.Duration(batchInterval.toMillis()));
      if (checkpointDir != null) {
        ssc.checkpoint(checkpointDir);
      }
      graph.accept(ssc);
      return ssc;
    };
    try {
      JavaStreamingContext ssc = checkpointDir == null ? create.call()
          : JavaStreamingContext.getOrCreate(checkpointDir, create);
      prepareSerializer(ssc.sparkContext().env());
      return new Context(ssc, !built[0]);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Makes the context's first serializer instance on a daemon thread, while the context starts and waits for its
   * first batch time; Spark keeps the Kryo it makes in its pool, for the driver and the local executors. Else the
   * first batch made it before its first job ({@code aggregate} clones its zero value with it) and in its tasks
   * (their results): loading Kryo and registering Spark's classes. direct-app's first 1M-line batch took 1,146-1,307
   * ms (median 1,201) against 1,380-1,704 (1,511), and its first progress line came 5.40-5.69 s after launch against
   * 5.65-6.16 s: the work moved to a core that waits, not out of the measured time (5 alternated rounds).
   */
  private static void prepareSerializer(SparkEnv env) {
    Thread warmUp = new Thread(() -> {
      try {
        env.serializer().newInstance().serialize(new long[2], ClassTag$.MODULE$.apply(long[].class));
      } catch (RuntimeException | LinkageError e) {
        // The context stopped first, or the job's serializer cannot take a long[]: the first batch makes one.
      }
    }, "serializer-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  /** A context, and whether it was recovered from the checkpoint. */
  record Context(JavaStreamingContext ssc, boolean recovered) {}

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Registers a batch's outputs as one output operation, guarded: the printout, then {@code last} (the sinks,
   * the output topic and the commit), whose offsets the batch's counts then hold. Static, so the closure holds
   * only what it names.
   */
  static void registerOutputs(String key, CountPipeline counts, int print, boolean batchCounts, LastStep last) {
    if (batchCounts) {
      RunState.countWords(key, counts.batch());
    }
    counts.emitted().foreachRDD((rdd, time) -> RunState.guarded(key, time, () -> {
      if (print > 0) {
        BatchPrinter.print(rdd, time, print, BatchPrinter.PrintStreamSupplier.STDOUT.get());
      }
      Map<TopicPartition, Long> committed = last.write(rdd, time);
      if (batchCounts) {
        RunState.committed(key, time, committed);
      }
    }));
  }

  /** The approach's last output step: sinks, output topic, commit; it returns the offsets committed. */
  interface LastStep extends java.io.Serializable {
    Map<TopicPartition, Long> write(JavaPairRDD<String, Long> counts, Time time) throws Exception;
  }
}
