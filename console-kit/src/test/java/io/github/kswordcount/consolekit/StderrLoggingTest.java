package io.github.kswordcount.consolekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class StderrLoggingTest {

  private static Properties properties(String... keyValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return properties;
  }

  @Test
  void theLongestConfiguredNameWinsElseRoot() {
    Map<String, Level> levels = StderrLogging.levels(properties("root", "WARN", "io.github.kswordcount", "INFO",
        "org.apache.kafka.clients.producer.internals.Sender", "OFF"), new Properties());
    assertThat(StderrLogging.threshold(levels, "io.github.kswordcount.consumer.LoggingFormatter"))
        .isEqualTo(Level.INFO.toInt());
    assertThat(StderrLogging.threshold(levels, "org.apache.kafka.clients.NetworkClient")).isEqualTo(Level.WARN.toInt());
    assertThat(StderrLogging.threshold(levels, "org.apache.kafka.clients.producer.internals.Sender"))
        .isEqualTo(Integer.MAX_VALUE);
    // A name is a parent only up to a dot: io.github.kswordcountx is not io.github.kswordcount's.
    assertThat(StderrLogging.threshold(levels, "io.github.kswordcountx.A")).isEqualTo(Level.WARN.toInt());
  }

  @Test
  void systemPropertiesOverrideTheResourceAndRootDefaultsToWarn() {
    Map<String, Level> levels = StderrLogging.levels(properties("org.apache.kafka", "error"),
        properties("console.log.org.apache.kafka", "debug", "other.property", "x"));
    assertThat(levels).containsExactly(Map.entry("org.apache.kafka", Level.DEBUG), Map.entry("root", Level.WARN));
  }

  @Test
  void aLevelThatIsNoneIsRefusedWithTheLevelsToUse() {
    assertThatThrownBy(() -> StderrLogging.levels(properties("root", "LOUD"), new Properties()))
        .hasMessage("log level 'LOUD' of 'root' is invalid: use TRACE, DEBUG, INFO, WARN, ERROR or OFF");
  }

  @Test
  void aLineHasTheLayoutOfKafkasToolsLog4jProperties() {
    String line = StderrLogger.line(LocalDateTime.of(2026, 12, 2, 16, 58, 1, 123_000_000), Level.WARN,
        "Connection to node -1 could not be established. Ünïcode", "org.apache.kafka.clients.NetworkClient", null);
    assertThat(line).isEqualTo("[2026-12-02 16:58:01,123] WARN Connection to node -1 could not be established. "
        + "Ünïcode (org.apache.kafka.clients.NetworkClient)" + System.lineSeparator());
  }

  @Test
  void aThrowableFollowsItsLineAsAStackTrace() {
    String line = StderrLogger.line(LocalDateTime.of(2026, 1, 2, 3, 4, 5), Level.ERROR, "failed", "a.B",
        new IllegalStateException("boom"));
    assertThat(line).startsWith("[2026-01-02 03:04:05,000] ERROR failed (a.B)" + System.lineSeparator()
        + "java.lang.IllegalStateException: boom" + System.lineSeparator() + "\tat ");
  }

  @Test
  void levelsBelowTheThresholdAreOff() {
    StderrLogger logger = new StderrLogger("x", Level.INFO.toInt());
    assertThat(logger.isDebugEnabled()).isFalse();
    assertThat(logger.isInfoEnabled()).isTrue();
    assertThat(logger.isErrorEnabled()).isTrue();
    assertThat(new StderrLogger("y", Integer.MAX_VALUE).isErrorEnabled()).isFalse();
  }
}
