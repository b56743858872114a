package io.github.kswordcount.core.count;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.dstream.InputDStream;
import scala.Option;
import scala.reflect.ClassTag$;

/**
 * A test input stream that yields one scripted batch of lines per interval and, unlike
 * {@code queueStream}, can be checkpointed (stateful transformations need that).
 */
final class ScriptedStream extends InputDStream<String> {
  private static final long serialVersionUID = 1L;
  private final ArrayList<ArrayList<String>> batches = new ArrayList<>();

  ScriptedStream(StreamingContext ssc, List<List<String>> batches) {
    super(ssc, ClassTag$.MODULE$.apply(String.class));
    batches.forEach(b -> this.batches.add(new ArrayList<>(b)));
  }

  @Override
  public void start() {}

  @Override
  public void stop() {}

  @Override
  public Option<RDD<String>> compute(Time validTime) {
    long index = (validTime.milliseconds() - zeroTime().milliseconds()) / slideDuration().milliseconds() - 1;
    List<String> lines = index < batches.size() ? batches.get((int) index) : List.of();
    return Option.apply(JavaSparkContext.fromSparkContext(context().sparkContext()).parallelize(lines, 2).rdd());
  }
}
