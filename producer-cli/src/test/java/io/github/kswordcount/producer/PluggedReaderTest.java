package io.github.kswordcount.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class PluggedReaderTest {

  @Test
  void runsAUsersRecordReaderConfiguredWithTheReaderProperties() {
    PluggedReader reader = PluggedReader.open(UpperCaseReader.class.getName(), Map.of("topic", "t"),
        new ByteArrayInputStream("hello\nwörld\n".getBytes(StandardCharsets.UTF_8)));
    List<String> records = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> r = reader.next(); r != null; r = reader.next()) {
      records.add(RecordsRead.describe(r) + "@" + reader.unit() + " " + reader.position());
    }
    reader.close();
    assertThat(records).containsExactly("t|<null>|HELLO|[]@record 1", "t|<null>|WÖRLD|[]@record 2");
  }

  @Test
  void refusesAClassThatIsNotARecordReaderWithKafkasMessage() {
    assertThatThrownBy(() -> PluggedReader.open("java.lang.Object", Map.of("topic", "t"),
        new ByteArrayInputStream(new byte[0])))
        .hasMessage("the reader must extend org.apache.kafka.tools.api.RecordReader");
  }

  @Test
  void namesAClassThatCannotBeLoaded() {
    assertThatThrownBy(() -> PluggedReader.open("no.such.Reader", Map.of("topic", "t"),
        new ByteArrayInputStream(new byte[0])))
        .hasMessage("cannot load --line-reader no.such.Reader: java.lang.ClassNotFoundException: no.such.Reader");
  }
}
