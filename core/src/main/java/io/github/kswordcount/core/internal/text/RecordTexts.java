package io.github.kswordcount.core.internal.text;

import io.github.kswordcount.core.text.RecordDecoding;
import io.github.kswordcount.core.text.ValueExtractor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    return of(records, ConsumerRecord::value, extractor);
  }

  /**
   * The text of each value of any stream, e.g. of a receiver's records; counted as in {@link #of(JavaDStream,
   * ValueExtractor)}.
   *
   * @param records the records
   * @param valueOf gets the value bytes of a record (a static method reference, so it serializes)
   * @param extractor how to get the text from a value
   * @param <T> the record type
   * @return the texts
   */
  public static <T> JavaDStream<String> of(JavaDStream<T> records, ValueOf<T> valueOf, ValueExtractor extractor) {
    // Looked up per batch on the driver, so that a job restarted from a checkpoint counts into live accumulators.
    return records.transform(rdd -> rdd.mapPartitions(
        new Extract<>(valueOf, extractor, RecordDecoding.forContext(rdd.context()))));
  }

  /**
   * Gets the value bytes of a record.
   *
   * @param <T> the record type
   */
  @FunctionalInterface
  public interface ValueOf<T> extends java.io.Serializable {
    /**
     * Returns the record's value.
     *
     * @param record the record
     * @return its value bytes, or {@code null}
     */
    byte[] value(T record);
  }

  private static final class Extract<T> implements FlatMapFunction<Iterator<T>, String> {
    private static final long serialVersionUID = 1L;
    private final ValueOf<T> valueOf;
    private final ValueExtractor extractor;
    private final RecordDecoding decoding;

    Extract(ValueOf<T> valueOf, ValueExtractor extractor, RecordDecoding decoding) {
      this.valueOf = valueOf;
      this.extractor = extractor;
      this.decoding = decoding;
    }

    @Override
    public Iterator<String> call(Iterator<T> records) {
      return new Iterator<>() {
        private String next;

        @Override
        public boolean hasNext() {
          while (next == null && records.hasNext()) {
            next = extractor.extract(valueOf.value(records.next()), decoding);
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
