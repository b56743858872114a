package io.github.kswordcount.core.internal.kafka;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.ConsumerStrategy;
import org.apache.spark.streaming.kafka010.DefaultPerPartitionConfig;
import org.apache.spark.streaming.kafka010.DirectKafkaInputDStream;
import org.apache.spark.streaming.kafka010.KafkaRDD;
import org.apache.spark.streaming.kafka010.LocationStrategies;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import scala.Option;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag$;

/**
 * Spark's direct Kafka stream ({@code KafkaUtils.createDirectStream}), reading each batch from Kafka once.
 *
 * <p>With {@code spark.streaming.kafka.allowNonConsecutiveOffsets=true}, which a topic written in transactions
 * needs (commit markers leave gaps in offsets), Spark's stream reports each batch's size to the streaming UI
 * with {@code KafkaRDD.count()}, and that count reads every record of the batch in a Spark job of its own
 * before the batch starts: a 1,000,000-line batch was read twice, and the first read (2.1 s of 4.7 s here) was
 * in no batch's processing time. This stream reports the offsets each range spans instead (records, plus any
 * transaction markers and compacted gaps); the rest is Spark's stream unchanged: the same offsets, rate limits,
 * commits, checkpoints and RDDs ({@code HasOffsetRanges} included). Jobs that print exact record counts count
 * them while reading.
 *
 * <pre>{@code
 * JavaInputDStream<ConsumerRecord<byte[], byte[]>> records = SingleReadDirectStream.create(ssc, strategy);
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class SingleReadDirectStream<K, V> extends DirectKafkaInputDStream<K, V> {
  private static final long serialVersionUID = 1L;
  private static final Comparator<OffsetRange> LARGEST_FIRST = Comparator.comparingLong(OffsetRange::count).reversed();

  private SingleReadDirectStream(JavaStreamingContext ssc, ConsumerStrategy<K, V> strategy) {
    super(ssc.ssc(), LocationStrategies.PreferConsistent(), strategy,
        new DefaultPerPartitionConfig(ssc.sparkContext().getConf()));
  }

  /**
   * Creates the stream, as {@code KafkaUtils.createDirectStream(ssc, PreferConsistent(), strategy)} does.
   *
   * @param ssc the streaming context
   * @param strategy which partitions to read and where to start
   * @param <K> key type
   * @param <V> value type
   * @return the stream
   */
  public static <K, V> JavaInputDStream<ConsumerRecord<K, V>> create(JavaStreamingContext ssc,
      ConsumerStrategy<K, V> strategy) {
    @SuppressWarnings("unchecked")
    Class<ConsumerRecord<K, V>> type = (Class<ConsumerRecord<K, V>>) (Class<?>) ConsumerRecord.class;
    return new JavaInputDStream<>(new SingleReadDirectStream<>(ssc, strategy), ClassTag$.MODULE$.apply(type));
  }

  /**
   * Spark's {@code compute}, with the batch's size taken from its offset ranges instead of a count job. The raw
   * return type is Java's way to override a method whose Scala return type is covariant ({@code Option[RDD]} in
   * {@code DStream}, {@code Option[KafkaRDD]} here).
   */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Option compute(Time validTime) {
    scala.collection.immutable.Map<TopicPartition, Object> untilOffsets = clamp(latestOffsets());
    Map<TopicPartition, Object> from = JavaConverters.mapAsJavaMap(currentOffsets());
    List<OffsetRange> ranges = new ArrayList<>();
    JavaConverters.mapAsJavaMap(untilOffsets).forEach((tp, until) ->
        ranges.add(OffsetRange.create(tp, (Long) from.get(tp), (Long) until)));
    boolean useConsumerCache = context().conf().getBoolean("spark.streaming.kafka.consumer.cache.enabled", true);
    KafkaRDD<K, V> rdd = new KafkaRDD<>(context().sparkContext(), executorKafkaParams(),
        ranges.toArray(new OffsetRange[0]), getPreferredHosts(), useConsumerCache);

    long spanned = 0;
    StringBuilder description = new StringBuilder();
    for (OffsetRange r : ranges.stream().filter(r -> r.count() > 0).sorted(LARGEST_FIRST).toList()) {
      spanned += r.count();
      description.append(description.length() == 0 ? "" : "\n").append("topic: ").append(r.topic())
          .append("\tpartition: ").append(r.partition()).append("\toffsets: ").append(r.fromOffset())
          .append(" to ").append(r.untilOffset()).append("\tcount: ").append(r.count());
    }
    Map<String, Object> metadata = Map.of("offsets", JavaConverters.asScalaBuffer(ranges).toList(),
        StreamInputInfo.METADATA_KEY_DESCRIPTION(), description.toString());
    ssc().scheduler().inputInfoTracker().reportInfo(validTime,
        new StreamInputInfo(id(), spanned, immutable(metadata)));

    currentOffsets_$eq(untilOffsets);
    commitAll();
    return Option.apply(rdd);
  }

  private static <A, B> scala.collection.immutable.Map<A, B> immutable(Map<A, B> map) {
    return JavaConverters.mapAsScalaMap(map).toMap(scala.Predef.$conforms());
  }
}
