package io.github.kswordcount.core.count;

import io.github.kswordcount.core.text.RecordDecoding;
import io.github.kswordcount.core.text.Tokenizer;
import io.github.kswordcount.core.text.Tokenizers;
import io.github.kswordcount.core.text.ValueExtractor;
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
        WHITESPACE.forEachTokenRange(UTF8.extract(value, decoding), table);
      }
    }
    return table.pairs().iterator();
  }
}
