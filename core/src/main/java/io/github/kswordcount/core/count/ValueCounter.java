package io.github.kswordcount.core.count;

import io.github.kswordcount.core.text.RecordDecoding;
import io.github.kswordcount.core.text.Tokenizer;
import io.github.kswordcount.core.text.Tokenizers;
import io.github.kswordcount.core.text.ValueExtractor;
import java.nio.ByteBuffer;
import java.util.Iterator;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * Counts the words of one partition of record values, for the jobs' default (values as
 * UTF-8, split at whitespace): a value that is all ASCII is split and looked up as bytes
 * ({@link WordTable#addAsciiLine}); any other value is decoded and split as text, as {@link WordCounts#count}
 * does, with its null or invalid bytes counted in {@link RecordDecoding}.
 */
final class ValueCounter implements PairFlatMapFunction<Iterator<byte[]>, String, Long> {
  private static final long serialVersionUID = 1L;
  private static final Tokenizer WHITESPACE = Tokenizers.whitespace();
  private static final ValueExtractor UTF8 = ValueExtractor.utf8();

  private final RecordDecoding decoding;

  ValueCounter(RecordDecoding decoding) {
    this.decoding = decoding;
  }

  /** Whether this counter counts as {@code extractor} and {@code tokenizer} would. */
  static boolean counts(ValueExtractor extractor, Tokenizer tokenizer) {
    return extractor == UTF8 && tokenizer == WHITESPACE;
  }

  @Override
  public Iterator<Tuple2<String, Long>> call(Iterator<byte[]> values) {
    WordTable table = new WordTable();
    while (values.hasNext()) {
      byte[] value = values.next();
      if (value == null || !table.addAsciiLine(value)) {
        decoded(table, value, decoding);
      }
    }
    return table.pairs().iterator();
  }

  private static void decoded(WordTable table, byte[] value, RecordDecoding decoding) {
    WHITESPACE.forEachTokenRange(UTF8.extract(value, decoding), table);
  }

  /**
   * The same count over values that Kafka's {@code ByteBufferDeserializer} gave: views of the fetched bytes, so an
   * all-ASCII value is counted where it is, never copied into an array of its own.
   */
  static final class OfBuffers implements PairFlatMapFunction<Iterator<ByteBuffer>, String, Long> {
    private static final long serialVersionUID = 1L;
    private final RecordDecoding decoding;

    OfBuffers(RecordDecoding decoding) {
      this.decoding = decoding;
    }

    @Override
    public Iterator<Tuple2<String, Long>> call(Iterator<ByteBuffer> values) {
      WordTable table = new WordTable();
      while (values.hasNext()) {
        ByteBuffer value = values.next();
        if (value == null) {
          decoded(table, null, decoding);
        } else if (!value.hasArray() || !table.addAsciiLine(value.array(), value.arrayOffset() + value.position(),
            value.arrayOffset() + value.limit())) {
          decoded(table, WordCounts.bytesOf(value), decoding);
        }
      }
      return table.pairs().iterator();
    }
  }
}
