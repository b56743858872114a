package io.github.kswordcount.consumer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a record as Kafka 3.9.2's {@code DefaultMessageFormatter} does, byte for byte: the enabled columns
 * timestamp, partition, offset, headers, key, value in that order, each followed by {@code key.separator},
 * the last by {@code line.separator}. Keys and values are written as raw bytes unless a deserializer is
 * configured.
 *
 * <p>One difference: header keys are written as UTF-8, where Kafka's tool uses the platform charset (the same
 * bytes under a UTF-8 locale). Unlike Kafka's tool, nothing here flushes: the caller decides when.
 */
public final class DefaultFormatter implements MessageFormatter {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultFormatter.class);
  private static final byte[] NO_TIMESTAMP = ascii("NO_TIMESTAMP");
  private static final byte[] NO_HEADERS = ascii("NO_HEADERS");
  private static final byte[] PARTITION = ascii("Partition:");
  private static final byte[] OFFSET = ascii("Offset:");

  private boolean printTimestamp;
  private boolean printKey;
  private boolean printValue = true;
  private boolean printPartition;
  private boolean printOffset;
  private boolean printHeaders;
  private byte[] keySeparator = utf8("\t");
  private byte[] lineSeparator = utf8("\n");
  private byte[] headersSeparator = utf8(",");
  private byte[] nullLiteral = utf8("null");
  private Deserializer<?> keyDeserializer;
  private Deserializer<?> valueDeserializer;
  private Deserializer<?> headersDeserializer;

  @Override
  public void configure(Map<String, ?> configs) {
    printTimestamp = bool(configs, "print.timestamp", printTimestamp);
    printKey = bool(configs, "print.key", printKey);
    printOffset = bool(configs, "print.offset", printOffset);
    printPartition = bool(configs, "print.partition", printPartition);
    printHeaders = bool(configs, "print.headers", printHeaders);
    printValue = bool(configs, "print.value", printValue);
    keySeparator = bytes(configs, "key.separator", keySeparator);
    lineSeparator = bytes(configs, "line.separator", lineSeparator);
    headersSeparator = bytes(configs, "headers.separator", headersSeparator);
    nullLiteral = bytes(configs, "null.literal", nullLiteral);
    keyDeserializer = deserializer(configs, true, "key.deserializer");
    valueDeserializer = deserializer(configs, false, "value.deserializer");
    headersDeserializer = deserializer(configs, false, "headers.deserializer");
  }

  @Override
  public void writeTo(ConsumerRecord<byte[], byte[]> record, PrintStream output) {
    if (printTimestamp) {
      if (record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE) {
        write(output, NO_TIMESTAMP);
      } else {
        write(output, ascii(record.timestampType() + ":" + record.timestamp()));
      }
      separator(output, printOffset || printPartition || printHeaders || printKey || printValue);
    }
    if (printPartition) {
      write(output, PARTITION);
      write(output, ascii(Integer.toString(record.partition())));
      separator(output, printOffset || printHeaders || printKey || printValue);
    }
    if (printOffset) {
      write(output, OFFSET);
      write(output, ascii(Long.toString(record.offset())));
      separator(output, printHeaders || printKey || printValue);
    }
    if (printHeaders) {
      writeHeaders(record, output);
      separator(output, printKey || printValue);
    }
    if (printKey) {
      write(output, deserialize(record, keyDeserializer, record.key()));
      separator(output, printValue);
    }
    if (printValue) {
      write(output, deserialize(record, valueDeserializer, record.value()));
      write(output, lineSeparator);
    }
  }

  private void writeHeaders(ConsumerRecord<byte[], byte[]> record, PrintStream output) {
    Iterator<Header> headers = record.headers().iterator();
    if (!headers.hasNext()) {
      write(output, NO_HEADERS);
      return;
    }
    while (headers.hasNext()) {
      Header header = headers.next();
      write(output, utf8(header.key() + ":"));
      write(output, deserialize(record, headersDeserializer, header.value()));
      if (headers.hasNext()) {
        write(output, headersSeparator);
      }
    }
  }

  /** As Kafka: a null is replaced by the null literal before the deserializer sees it. */
  private byte[] deserialize(ConsumerRecord<byte[], byte[]> record, Deserializer<?> deserializer, byte[] source) {
    byte[] bytes = source != null ? source : nullLiteral;
    if (deserializer == null) {
      return bytes;
    }
    return utf8(deserializer.deserialize(record.topic(), record.headers(), bytes).toString());
  }

  private void separator(PrintStream output, boolean columnFollows) {
    write(output, columnFollows ? keySeparator : lineSeparator);
  }

  private static void write(PrintStream output, byte[] bytes) {
    output.write(bytes, 0, bytes.length);
  }

  @Override
  public void close() {
    closeQuietly(keyDeserializer);
    closeQuietly(valueDeserializer);
    closeQuietly(headersDeserializer);
  }

  private static void closeQuietly(Deserializer<?> deserializer) {
    if (deserializer != null) {
      deserializer.close();
    }
  }

  private static boolean bool(Map<String, ?> configs, String key, boolean current) {
    return configs.containsKey(key) ? ((String) configs.get(key)).trim().equalsIgnoreCase("true") : current;
  }

  private static byte[] bytes(Map<String, ?> configs, String key, byte[] current) {
    return configs.containsKey(key) ? utf8((String) configs.get(key)) : current;
  }

  /** As Kafka: a deserializer that cannot be created is logged and left out, the tool goes on. */
  private static Deserializer<?> deserializer(Map<String, ?> configs, boolean isKey, String key) {
    if (!configs.containsKey(key)) {
      return null;
    }
    String name = (String) configs.get(key);
    try {
      Deserializer<?> deserializer = (Deserializer<?>) Class.forName(name).getDeclaredConstructor().newInstance();
      deserializer.configure(withPrefixStripped(key + ".", configs), isKey);
      return deserializer;
    } catch (Exception e) {
      LOG.error("Unable to instantiate a deserializer from " + name, e);
      return null;
    }
  }

  private static Map<String, Object> withPrefixStripped(String prefix, Map<String, ?> configs) {
    Map<String, Object> stripped = new HashMap<>();
    configs.forEach((key, value) -> {
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        stripped.put(key.substring(prefix.length()), value);
      }
    });
    return stripped;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
