package io.github.kswordcount.localkafka;

import static io.github.kswordcount.localkafka.KafkaIo.byPartition;
import static io.github.kswordcount.localkafka.KafkaIo.readText;
import static io.github.kswordcount.localkafka.KafkaIo.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaRestartIT {

  @Test
  void keepsRecordsTopicsAndPortsAcrossARestartOnTheSameDataDir(@TempDir Path dataDir) throws Exception {
    String firstBootstrap;
    try (LocalKafka first = LocalKafka.builder().dataDir(dataDir).topic("kept", 2).build().start()) {
      firstBootstrap = first.bootstrapServers();
      send(firstBootstrap, List.of(
          new ProducerRecord<>("kept", 0, "k", "zero"),
          new ProducerRecord<>("kept", 1, "k", "one"),
          new ProducerRecord<>("kept", 0, "k", "два")));
    }
    assertThat(dataDir.resolve("node-0/meta.properties")).isRegularFile();

    try (LocalKafka second = LocalKafka.builder().dataDir(dataDir).topic("kept", 2).build().start()) {
      assertThat(second.bootstrapServers()).isEqualTo(firstBootstrap);
      assertThat(byPartition(readText(second.bootstrapServers(), "kept"))).isEqualTo(Map.of(
          0, List.of("k=zero@0", "k=два@1"),
          1, List.of("k=one@0")));
      try (Admin admin = Admin.create(
          Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()))) {
        assertThat(admin.listTopics().names().get()).containsExactly("kept");
      }
    }
  }

  @Test
  void refusesADataDirHoldingAClusterOfAnotherSize(@TempDir Path dataDir) {
    LocalKafka.builder().dataDir(dataDir).build().start().close();

    assertThatThrownBy(() -> LocalKafka.builder().dataDir(dataDir).nodes(3).build().start())
        .isInstanceOf(LocalKafkaException.class)
        .hasMessage("data directory '" + dataDir.toAbsolutePath().normalize()
            + "' holds a 1-node cluster, not a 3-node one");
  }

  @Test
  void deletesItsTemporaryDataDirOnClose() {
    LocalKafka kafka = LocalKafka.builder().build().start();
    Path dataDir = kafka.dataDir();
    assertThat(dataDir.resolve("node-0")).isDirectory();

    kafka.close();

    assertThat(Files.exists(dataDir)).isFalse();
  }
}
