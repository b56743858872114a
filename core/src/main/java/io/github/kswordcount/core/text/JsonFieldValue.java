package io.github.kswordcount.core.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Reads one top-level field with Jackson's streaming parser: no tree, and it stops at the field. */
final class JsonFieldValue implements ValueExtractor {
  private static final long serialVersionUID = 1L;
  private static final JsonFactory JSON = new JsonFactory();
  private final String field;

  JsonFieldValue(String field) {
    this.field = field;
  }

  @Override
  public String extract(byte[] value, RecordDecoding decoding) {
    String text = value == null ? null : fieldText(value);
    if (text == null) {
      RecordDecoding.countSkipped(decoding);
    }
    return text;
  }

  private String fieldText(byte[] value) {
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
        boolean wanted = field.equals(parser.currentName());
        JsonToken valueToken = parser.nextToken();
        if (wanted) {
          return valueToken.isScalarValue() && valueToken != JsonToken.VALUE_NULL ? parser.getText() : null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null; // not JSON, or not UTF-8 JSON: skipped and counted
    }
  }

  @Override
  public String toString() {
    return "json-field(" + field + ")";
  }
}
