package io.github.kswordcount.consumer;

import static io.github.kswordcount.consumer.Formatted.header;
import static io.github.kswordcount.consumer.Formatted.record;
import static io.github.kswordcount.consumer.Formatted.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DefaultFormatterTest {

  private static final ConsumerRecord<byte[], byte[]> KEYED = record(2, 17, 1700000000123L, TimestampType.CREATE_TIME,
      utf8("ключ"), utf8("значение"), header("h1", "v1"), header("h2", null));
  private static final ConsumerRecord<byte[], byte[]> BARE = record(0, 5, 42L, TimestampType.LOG_APPEND_TIME,
      null, null);
  private static final ConsumerRecord<byte[], byte[]> UNTIMED = record(1, 0, -1L, TimestampType.NO_TIMESTAMP_TYPE,
      new byte[] {0, (byte) 0xFF, '\n'}, new byte[] {(byte) 0x80});

  @Test
  void printsOnlyTheValueAndANewlineByDefault() {
    assertThat(text(Map.of(), KEYED, BARE)).isEqualTo("значение\nnull\n");
  }

  @Test
  void printsEveryColumnInKafkasOrderSeparatedByTheKeySeparator() {
    Map<String, String> all = config("print.timestamp", "true", "print.partition", "true", "print.offset", "true",
        "print.headers", "true", "print.key", "true");
    assertThat(text(all, KEYED, BARE)).isEqualTo(
        "CreateTime:1700000000123\tPartition:2\tOffset:17\th1:v1,h2:null\tключ\tзначение\n"
            + "LogAppendTime:42\tPartition:0\tOffset:5\tNO_HEADERS\tnull\tnull\n");
  }

  @Test
  void writesKeysAndValuesAsRawBytes() {
    byte[] out = Formatted.bytes(new DefaultFormatter(), config("print.key", "true", "print.timestamp", "true"),
        List.of(UNTIMED));
    assertThat(out).isEqualTo(concat(utf8("NO_TIMESTAMP\t"), new byte[] {0, (byte) 0xFF, '\n'}, utf8("\t"),
        new byte[] {(byte) 0x80}, utf8("\n")));
  }

  @Test
  void theLastPrintedColumnEndsTheLineWhenTheValueIsOff() {
    assertThat(text(config("print.value", "false", "print.key", "true", "print.offset", "true"), KEYED))
        .isEqualTo("Offset:17\tключ\n");
    assertThat(text(config("print.value", "false"), KEYED)).isEmpty();
  }

  @Test
  void usesTheConfiguredSeparatorsAndNullLiteral() {
    Map<String, String> config = config("print.key", "true", "print.headers", "true", "key.separator", " | ",
        "line.separator", "\r\n", "headers.separator", ";", "null.literal", "∅");
    assertThat(text(config, KEYED, BARE)).isEqualTo("h1:v1;h2:∅ | ключ | значение\r\nNO_HEADERS | ∅ | ∅\r\n");
  }

  @Test
  void readsBooleansTrimmedAndCaseInsensitive() {
    assertThat(text(config("print.key", " TRUE ", "print.value", "yes"), KEYED)).isEqualTo("ключ\n");
  }

  @Test
  void formatsThroughDeserializersWithPrefixedConfigsAndFeedsThemTheNullLiteral() {
    Map<String, String> config = config("print.key", "true", "print.headers", "true",
        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
        "key.deserializer.deserializer.encoding", "ISO-8859-1",
        "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
        "headers.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    byte[] latin1Key = "é".getBytes(StandardCharsets.UTF_8);
    ConsumerRecord<byte[], byte[]> record = record(0, 0, 1, TimestampType.CREATE_TIME, latin1Key, null,
        header("h", null));
    assertThat(text(config, record)).isEqualTo("h:null\tÃ©\tnull\n");
  }

  @Test
  void aDeserializerThatFailsFailsTheRecord() {
    Map<String, String> config = config("value.deserializer", "org.apache.kafka.common.serialization.LongDeserializer");
    assertThatThrownBy(() -> text(config, KEYED)).isInstanceOf(SerializationException.class);
  }

  @Test
  void anUnknownDeserializerIsLeftOutAsKafkaDoes() {
    assertThat(text(config("value.deserializer", "no.such.Deserializer"), KEYED)).isEqualTo("значение\n");
  }

  @SafeVarargs
  private static String text(Map<String, String> config, ConsumerRecord<byte[], byte[]>... records) {
    return new String(Formatted.bytes(new DefaultFormatter(), config, List.of(records)), StandardCharsets.UTF_8);
  }

  static Map<String, String> config(String... pairs) {
    Map<String, String> config = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      config.put(pairs[i], pairs[i + 1]);
    }
    return config;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }
}
