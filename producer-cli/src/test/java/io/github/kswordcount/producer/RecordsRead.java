package io.github.kswordcount.producer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.tools.api.RecordReader;

/** What a reader made of an input, written out as text so tests can compare it whole: records, then any error. */
record RecordsRead(List<String> records, String error) {

  /** Reads with our line reader; a configuration error counts as the error. */
  static RecordsRead ours(String input, Map<String, String> props) {
    List<String> records = new ArrayList<>();
    try {
      LineReader reader = new LineReader(stream(input), LineFormat.fromProperties(props), null);
      for (ProducerRecord<byte[], byte[]> r = reader.next(); r != null; r = reader.next()) {
        records.add(describe(r));
      }
      return new RecordsRead(records, null);
    } catch (LineFormatException | IllegalArgumentException e) {
      return new RecordsRead(records, e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads with Kafka 3.9.2's own {@code ConsoleProducer$LineMessageReader}, in this JVM. */
  static RecordsRead kafkas(String input, Map<String, String> props) {
    List<String> records = new ArrayList<>();
    try {
      RecordReader reader = (RecordReader) Class.forName("kafka.tools.ConsoleProducer$LineMessageReader")
          .getDeclaredConstructor().newInstance();
      reader.configure(props);
      Iterator<ProducerRecord<byte[], byte[]>> it = reader.readRecords(stream(input));
      while (it.hasNext()) {
        records.add(describe(it.next()));
      }
      return new RecordsRead(records, null);
    } catch (org.apache.kafka.common.KafkaException e) {
      return new RecordsRead(records, e.getMessage());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code topic|key|value|h1=v1,h2=v2} with {@code <null>} for nulls. */
  static String describe(ProducerRecord<byte[], byte[]> record) {
    StringJoiner headers = new StringJoiner(",", "[", "]");
    for (Header header : record.headers()) {
      headers.add(header.key() + "=" + text(header.value()));
    }
    return record.topic() + "|" + text(record.key()) + "|" + text(record.value()) + "|" + headers;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "<null>" : new String(bytes, StandardCharsets.UTF_8);
  }

  private static ByteArrayInputStream stream(String input) {
    return new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
  }
}
