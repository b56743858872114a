package io.github.kswordcount.consumer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints like {@link DefaultFormatter} and also logs each record at INFO, as Kafka's
 * {@code LoggingMessageFormatter}: {@code CreateTime:<ms>, key:<key>, value:<value>} (a null key logs as
 * {@code key:null } without comma, as Kafka's does).
 */
public final class LoggingFormatter implements MessageFormatter {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingFormatter.class);

  private final DefaultFormatter defaultWriter = new DefaultFormatter();

  @Override
  public void configure(Map<String, ?> configs) {
    defaultWriter.configure(configs);
  }

  @Override
  public void writeTo(ConsumerRecord<byte[], byte[]> consumerRecord, PrintStream output) {
    defaultWriter.writeTo(consumerRecord, output);
    LOG.info(describe(consumerRecord));
  }

  /**
   * The logged line, exactly as Kafka's formatter builds it.
   *
   * @param record the record
   * @return the line
   */
  static String describe(ConsumerRecord<byte[], byte[]> record) {
    String timestamp = record.timestampType() != TimestampType.NO_TIMESTAMP_TYPE
        ? record.timestampType() + ":" + record.timestamp() + ", " : "";
    String key = "key:" + (record.key() == null ? "null " : new String(record.key(), StandardCharsets.UTF_8) + ", ");
    String value = "value:" + (record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8));
    return timestamp + key + value;
  }

  @Override
  public void close() {
    defaultWriter.close();
  }
}
