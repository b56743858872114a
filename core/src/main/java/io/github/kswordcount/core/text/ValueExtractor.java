package io.github.kswordcount.core.text;

import java.io.Serializable;
import java.util.Objects;

/**
 * Turns a Kafka record's value into the text to count: the value as UTF-8 ({@link #utf8()}, the default)
 * or one top-level field of a JSON object ({@link #jsonField(String)}). Never throws on bad input: a
 * null value (tombstone) or a JSON value without the field yields {@code null} and counts as skipped;
 * bytes that are not valid UTF-8 are decoded with U+FFFD in their place and count as replaced.
 */
public interface ValueExtractor extends Serializable {

  /**
   * Extracts the text of one record value.
   *
   * @param value the record's value bytes, possibly {@code null}
   * @param decoding where skipped and replaced records are counted; {@code null} counts nothing
   * @return the text, or {@code null} when the record has none
   */
  String extract(byte[] value, RecordDecoding decoding);

  /**
   * The whole value, decoded as UTF-8.
   *
   * @return the shared UTF-8 extractor
   */
  static ValueExtractor utf8() {
    return Utf8Value.INSTANCE;
  }

  /**
   * One top-level field of a JSON object value: a string field's text, or a number's or boolean's JSON
   * text. A value that is not a JSON object, lacks the field, or holds {@code null}, an object or an array
   * there is skipped.
   *
   * @param field the field name
   * @return an extractor for that field
   */
  static ValueExtractor jsonField(String field) {
    return new JsonFieldValue(Objects.requireNonNull(field, "field"));
  }
}
