package io.github.kswordcount.consumer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Runs a formatter over records into bytes; also builds records and Kafka's own formatters for comparison. */
final class Formatted {

  private Formatted() {}

  /** The bytes a configured formatter writes for these records. */
  static byte[] bytes(MessageFormatter formatter, Map<String, String> config,
      List<ConsumerRecord<byte[], byte[]>> records) {
    formatter.configure(config);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
      records.forEach(record -> formatter.writeTo(record, out));
    }
    formatter.close();
    return bytes.toByteArray();
  }

  /** Kafka 3.9.2's formatter of that simple name (the classes are package-private: reflection). */
  static MessageFormatter kafkas(String simpleName) {
    try {
      var constructor = Class.forName("org.apache.kafka.tools.consumer." + simpleName).getDeclaredConstructor();
      constructor.setAccessible(true);
      return (MessageFormatter) constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static ConsumerRecord<byte[], byte[]> record(int partition, long offset, long timestamp, TimestampType type,
      byte[] key, byte[] value, RecordHeader... headers) {
    return new ConsumerRecord<>("topic", partition, offset, timestamp, type, 0, 0, key, value,
        new RecordHeaders(headers), Optional.empty());
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static RecordHeader header(String key, String value) {
    return new RecordHeader(key, value == null ? null : utf8(value));
  }
}
