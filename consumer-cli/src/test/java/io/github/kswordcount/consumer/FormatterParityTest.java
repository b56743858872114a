package io.github.kswordcount.consumer;

import static io.github.kswordcount.consumer.DefaultFormatterTest.config;
import static io.github.kswordcount.consumer.Formatted.header;
import static io.github.kswordcount.consumer.Formatted.record;
import static io.github.kswordcount.consumer.Formatted.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our formatters against Kafka 3.9.2's own, in this JVM: the same bytes for every configuration. */
class FormatterParityTest {

  private static final List<ConsumerRecord<byte[], byte[]>> RECORDS = List.of(
      record(0, 0, 1700000000000L, TimestampType.CREATE_TIME, utf8("k"), utf8("v")),
      record(1, 9, 5L, TimestampType.LOG_APPEND_TIME, null, utf8("unkeyed")),
      record(2, 3, 7L, TimestampType.CREATE_TIME, utf8("tomb"), null, header("h", "x"), header("n", null)),
      record(0, 1, -1L, TimestampType.NO_TIMESTAMP_TYPE, new byte[] {1, 2, (byte) 0xFE}, new byte[] {0, 10, 13}),
      record(3, 100, 9L, TimestampType.CREATE_TIME, utf8("Ключ 😀"), utf8("Значение"), header("ascii", "日本")));

  static List<Map<String, String>> configs() {
    return List.of(
        config(),
        config("print.key", "true"),
        config("print.timestamp", "true", "print.partition", "true", "print.offset", "true", "print.headers", "true",
            "print.key", "true"),
        config("print.value", "false", "print.headers", "true"),
        config("print.value", "false"),
        config("print.key", "true", "key.separator", "::", "line.separator", "|\n", "null.literal", "<nil>"),
        config("print.headers", "true", "headers.separator", " ; ", "print.timestamp", "TRUE"),
        config("print.key", "true", "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
            "value.deserializer", "org.apache.kafka.common.serialization.BytesDeserializer"),
        config("print.headers", "true", "headers.deserializer",
            "org.apache.kafka.common.serialization.StringDeserializer", "print.offset", "false"));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void defaultFormatterWritesKafkasBytes(Map<String, String> config) {
    assertThat(Formatted.bytes(new DefaultFormatter(), config, RECORDS))
        .isEqualTo(Formatted.bytes(Formatted.kafkas("DefaultMessageFormatter"), config, RECORDS));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void loggingFormatterWritesKafkasBytes(Map<String, String> config) {
    assertThat(Formatted.bytes(new LoggingFormatter(), config, RECORDS))
        .isEqualTo(Formatted.bytes(Formatted.kafkas("LoggingMessageFormatter"), config, RECORDS));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void noOpFormatterWritesNothingAsKafkas(Map<String, String> config) {
    assertThat(Formatted.bytes(new NoOpFormatter(), config, RECORDS))
        .isEqualTo(Formatted.bytes(Formatted.kafkas("NoOpMessageFormatter"), config, RECORDS))
        .isEmpty();
  }
}
