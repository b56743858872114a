package io.github.kswordcount.jobframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kswordcount.consolekit.UsageException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaParamsTest {

  @TempDir Path dir;

  @Test
  void defaultsAreSafe() {
    assertThat(KafkaParams.builder("localhost:9092", "wc").build()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "bootstrap.servers", "localhost:9092",
        "group.id", "wc",
        "enable.auto.commit", "false",
        "auto.offset.reset", "latest",
        "isolation.level", "read_committed",
        "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"));
  }

  @Test
  void fromBeginningStartsAtTheEarliestOffset() {
    assertThat(KafkaParams.builder("b:1", "g").fromBeginning(true).build())
        .containsEntry("auto.offset.reset", "earliest");
  }

  @Test
  void overridesBeatTheFileWhichBeatsTheDefaultsButNeverTheBootstrapServers() throws Exception {
    Path file = dir.resolve("consumer.properties");
    Files.writeString(file, "max.poll.records=10\nisolation.level=read_uncommitted\n"
        + "bootstrap.servers=elsewhere:1\nclient.id=caf\\u00e9\n", StandardCharsets.UTF_8);
    Map<String, Object> params = KafkaParams.builder("b:1", "g")
        .propertiesFile(file)
        .override("max.poll.records=20")
        .override("sasl.jaas.config=a=b")
        .override("max.poll.records=30")
        .build();
    assertThat(params)
        .containsEntry("max.poll.records", "30")
        .containsEntry("isolation.level", "read_uncommitted")
        .containsEntry("client.id", "café")
        .containsEntry("sasl.jaas.config", "a=b")
        .containsEntry("bootstrap.servers", "b:1")
        .containsEntry("enable.auto.commit", "false");
  }

  @Test
  void aMissingPropertiesFileIsNamed() {
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(() -> KafkaParams.builder("b:1", "g").propertiesFile(missing))
        .isInstanceOf(UsageException.class)
        .hasMessage("properties file '" + missing + "' does not exist");
  }

  @Test
  void theResultIsImmutable() {
    Map<String, Object> params = KafkaParams.builder("b:1", "g").build();
    assertThatThrownBy(() -> params.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }
}
