package io.github.kswordcount.consumer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/**
 * {@code --formatter json}: one JSON object per line, as kcat's {@code -J}, for {@code jq}:
 * {@code {"topic":"t","partition":0,"offset":5,"timestamp":1714557600000,"timestampType":"CreateTime","key":"k",
 * "value":"v","headers":[{"key":"h","value":"1"}]}}. A null key, value or header value is JSON {@code null}; one that
 * is not valid UTF-8 is written as base64 with {@code "keyEncoding":"base64"} (or {@code valueEncoding}) beside it,
 * never as broken JSON. Headers keep their order and repeated keys; the timestamp is {@code null} when the record
 * has none.
 */
public final class JsonFormatter implements MessageFormatter {

  private static final JsonFactory JSON = JsonFactory.builder().build()
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);

  @Override
  public void writeTo(ConsumerRecord<byte[], byte[]> record, PrintStream output) {
    try (JsonGenerator json = JSON.createGenerator(output, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeStringField("topic", record.topic());
      json.writeNumberField("partition", record.partition());
      json.writeNumberField("offset", record.offset());
      if (record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE) {
        json.writeNullField("timestamp");
      } else {
        json.writeNumberField("timestamp", record.timestamp());
      }
      json.writeStringField("timestampType", record.timestampType().name);
      bytesField(json, "key", record.key());
      bytesField(json, "value", record.value());
      json.writeArrayFieldStart("headers");
      for (Header header : record.headers()) {
        json.writeStartObject();
        json.writeStringField("key", header.key());
        bytesField(json, "value", header.value());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    output.write('\n');
  }

  /** The bytes as text when they are UTF-8; otherwise base64, with {@code <name>Encoding} saying so. */
  private static void bytesField(JsonGenerator json, String name, byte[] bytes) throws IOException {
    if (bytes == null) {
      json.writeNullField(name);
      return;
    }
    String text = utf8(bytes);
    if (text != null) {
      json.writeStringField(name, text);
    } else {
      json.writeStringField(name, Base64.getEncoder().encodeToString(bytes));
      json.writeStringField(name + "Encoding", "base64");
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
