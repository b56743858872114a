package io.github.kswordcount.core.kafka;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * Maps streams of Kafka records to the text to count, dropping records without text. Use it right after
 * the stream is created: {@code ConsumerRecord} is not serializable, {@code String} is.
 */
public final class RecordTexts {

  private RecordTexts() {}

  /**
   * The text of each record's value, records without text left out; skipped and replaced records are
   * counted in {@link RecordDecoding#forContext} of the job's Spark context.
   *
   * @param records the stream straight from Kafka
   * @param extractor how to get the text from a value
   * @return the texts, in record order within each partition
   */
  public static JavaDStream<String> of(JavaDStream<ConsumerRecord<byte[], byte[]>> records, ValueExtractor extractor) {
    // Looked up per batch on the driver, so that a job restarted from a checkpoint counts into live accumulators.
    return records.transform(rdd -> of(rdd, extractor, RecordDecoding.forContext(rdd.context())));
  }

  /**
   * The same for one RDD of records.
   *
   * @param records records of one batch
   * @param extractor how to get the text from a value
   * @param decoding where skipped and replaced records are counted; may be {@code null}
   * @return the texts
   */
  public static JavaRDD<String> of(
      JavaRDD<ConsumerRecord<byte[], byte[]>> records, ValueExtractor extractor, RecordDecoding decoding) {
    return records.mapPartitions(new Extract(extractor, decoding));
  }

  private static final class Extract implements FlatMapFunction<Iterator<ConsumerRecord<byte[], byte[]>>, String> {
    private static final long serialVersionUID = 1L;
    private final ValueExtractor extractor;
    private final RecordDecoding decoding;

    Extract(ValueExtractor extractor, RecordDecoding decoding) {
      this.extractor = extractor;
      this.decoding = decoding;
    }

    @Override
    public Iterator<String> call(Iterator<ConsumerRecord<byte[], byte[]>> records) {
      return new Iterator<>() {
        private String next;

        @Override
        public boolean hasNext() {
          while (next == null && records.hasNext()) {
            next = extractor.extract(records.next().value(), decoding);
          }
          return next != null;
        }

        @Override
        public String next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          String text = next;
          next = null;
          return text;
        }
      };
    }
  }
}
