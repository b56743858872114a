package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start() failures that end before any broker listens: a one-line exception, nothing left running. */
class LocalKafkaStartTest {

  @Test
  void reportsAnInvalidBrokerConfigInOneLine(@TempDir Path dataDir) {
    LocalKafka kafka = LocalKafka.builder().dataDir(dataDir).brokerConfig("num.partitions", "many").build();

    assertThatThrownBy(kafka::start)
        .isInstanceOf(LocalKafkaException.class)
        .hasMessage("Kafka node 0 failed to start:"
            + " Invalid value many for configuration num.partitions: Not a number of type INT");
  }

  @Test
  void reportsADataDirUnderARegularFile(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x", StandardCharsets.UTF_8);
    Path dataDir = file.resolve("data");

    assertThatThrownBy(() -> LocalKafka.builder().dataDir(dataDir).build().start())
        .isInstanceOf(LocalKafkaException.class)
        .hasMessage("data directory '" + dataDir + "' cannot be created or written");
  }
}
