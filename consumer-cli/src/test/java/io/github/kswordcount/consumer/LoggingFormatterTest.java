package io.github.kswordcount.consumer;

import static io.github.kswordcount.consumer.Formatted.record;
import static io.github.kswordcount.consumer.Formatted.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class LoggingFormatterTest {

  @Test
  void logsTimestampKeyAndValueAsKafkasLoggingFormatter() {
    assertThat(LoggingFormatter.describe(record(0, 0, 12L, TimestampType.CREATE_TIME, utf8("k"), utf8("вэ"))))
        .isEqualTo("CreateTime:12, key:k, value:вэ");
    assertThat(LoggingFormatter.describe(record(0, 0, -1L, TimestampType.NO_TIMESTAMP_TYPE, null, null)))
        .isEqualTo("key:null value:null");
    assertThat(LoggingFormatter.describe(record(0, 0, 3L, TimestampType.LOG_APPEND_TIME, utf8(""), utf8(""))))
        .isEqualTo("LogAppendTime:3, key:, value:");
  }
}
