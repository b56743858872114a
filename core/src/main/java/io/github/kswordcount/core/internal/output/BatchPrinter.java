package io.github.kswordcount.core.internal.output;

import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * Prints word counts with exactly the layout of Spark's {@code DStream.print()}, but in a deterministic
 * order: count descending, then word.
 *
 * <pre>
 * -------------------------------------------
 * Time: 1732470000000 ms
 * -------------------------------------------
 * (you,2)
 * (Hi,1)
 * ...
 *
 * </pre>
 */
public final class BatchPrinter {

  /** The order of printed pairs: count descending, then word (by UTF-16 code units). */
  public static final Comparator<Tuple2<String, Long>> ORDER = new CountDescending();

  private static final String RULE = "-------------------------------------------";

  private BatchPrinter() {}

  /**
   * Prints the first {@code num} pairs of each batch, in {@link #ORDER}, to {@code out} on the driver.
   * Takes at most {@code num + 1} pairs from the executors (the extra one decides the {@code ...} line).
   *
   * @param counts the stream to print
   * @param num how many pairs per batch
   * @param out where to print; use {@code System.out}, since it is looked up at each batch on the driver
   */
  public static void print(JavaPairDStream<String, Long> counts, int num, PrintStreamSupplier out) {
    counts.foreachRDD((rdd, time) -> print(rdd, time, num, out.get()));
  }

  /**
   * Prints one batch: the first {@code num} pairs of {@code rdd} in {@link #ORDER}.
   *
   * @param rdd the batch's counts
   * @param time the batch time
   * @param num how many pairs to print
   * @param out where to print
   */
  public static void print(JavaPairRDD<String, Long> rdd, Time time, int num, PrintStream out) {
    List<Tuple2<String, Long>> top = rdd.takeOrdered(num + 1, ORDER);
    byte[] text = format(time.milliseconds(), top, num);
    out.write(text, 0, text.length);
    out.flush();
  }

  /**
   * Formats one batch the way {@code DStream.print()} does: the header, up to {@code num} pairs as
   * {@code (word,count)}, a {@code ...} line when {@code pairs} holds more, and an empty line.
   *
   * @param timeMs the batch time in milliseconds
   * @param pairs the pairs, already in the order to print
   * @param num how many pairs to print at most
   * @return the UTF-8 bytes to write
   */
  public static byte[] format(long timeMs, List<Tuple2<String, Long>> pairs, int num) {
    StringBuilder text = new StringBuilder(64 + 16 * Math.min(num, pairs.size()));
    text.append(RULE).append('\n').append("Time: ").append(timeMs).append(" ms\n").append(RULE).append('\n');
    int shown = Math.min(num, pairs.size());
    for (int i = 0; i < shown; i++) {
      Tuple2<String, Long> pair = pairs.get(i);
      text.append('(').append(pair._1()).append(',').append(pair._2()).append(")\n");
    }
    if (pairs.size() > num) {
      text.append("...\n");
    }
    text.append('\n');
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Supplies the stream to print to on the driver; serializable so it can sit in a DStream closure. */
  @FunctionalInterface
  public interface PrintStreamSupplier extends Serializable {
    /** The standard output, looked up when each batch prints. */
    PrintStreamSupplier STDOUT = () -> System.out;

    /**
     * Returns the stream to print the current batch to.
     *
     * @return the stream
     */
    PrintStream get();
  }

  private static final class CountDescending implements Comparator<Tuple2<String, Long>>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Tuple2<String, Long> a, Tuple2<String, Long> b) {
      int byCount = Long.compare(b._2(), a._2());
      return byCount != 0 ? byCount : a._1().compareTo(b._1());
    }
  }
}
