package io.github.kswordcount.core.internal.receiver;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

/**
 * The records of a set of reliable Kafka receivers, and the commit of their offsets once they are counted.
 *
 * <p>A receiver's offsets are committed only after the batch holding its records has gone through every
 * output registered before {@link #commitWhenOutput}: a process that dies for good leaves nothing committed
 * that it had not output, so the group member that takes its partitions reads those records again.
 *
 * <pre>{@code
 * KafkaReceiverStream stream = KafkaReceivers.createStream(ssc, source, 1, 1, 0);
 * JavaPairDStream<String, Long> counts = WordCounts.perBatch(texts(stream.records()), Tokenizers.words());
 * counts.foreachRDD(rdd -> sink.write(rdd));
 * stream.commitWhenOutput(counts);   // the last output operation
 * }</pre>
 */
public final class KafkaReceiverStream implements Serializable {
  private static final long serialVersionUID = 1L;

  private final transient JavaDStream<ReceivedRecord> records;
  private final ReceiverSource source;
  private final String ledger;
  private final ArrayList<String> members;

  KafkaReceiverStream(JavaDStream<ReceivedRecord> records, ReceiverSource source, String ledger,
      List<String> members) {
    this.records = records;
    this.source = source;
    this.ledger = ledger;
    this.members = new ArrayList<>(members);
  }

  /**
   * The records, in batches.
   *
   * @return the stream
   */
  public JavaDStream<ReceivedRecord> records() {
    return records;
  }

  /**
   * Registers the commit as the next output operation: each time {@code output} emits a batch (or a window
   * slide), every record read up to that batch is announced as counted, and the receivers commit it. Register
   * it after the outputs it must follow. A failed output must stop the context (Spark would otherwise run
   * the next output operations of the batch, this one included): the jobs of this project do.
   *
   * @param output the stream whose output completes a batch, such as the counts written out
   */
  public void commitWhenOutput(JavaPairDStream<?, ?> output) {
    commitWhenOutput(output.toJavaDStream());
  }

  /**
   * As {@link #commitWhenOutput(JavaPairDStream)}.
   *
   * @param output the stream whose output completes a batch
   */
  public void commitWhenOutput(JavaDStream<?> output) {
    output.foreachRDD((rdd, time) -> countedUpTo(time));
  }

  /**
   * Announces every record read in the batches up to {@code time} as counted, so the receivers commit it: for
   * a job that runs its outputs its own way (the receiver job calls it, guarded, after its outputs).
   *
   * @param time the batch (or window slide) whose outputs are done
   * @return what was announced: per partition, the offset below which every record is counted (the receivers
   *     commit that far, or past it over transaction markers); empty when the batches read nothing
   * @throws io.github.kswordcount.core.kafka.KafkaCallException when Kafka refuses the announcement
   */
  public Map<TopicPartition, Long> countedUpTo(Time time) {
    return CountedLedger.countedUpTo(ledger, time, source, members);
  }
}
