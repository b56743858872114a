package io.github.kswordcount.clientkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminSettingsTest {

  @Test
  void keepsConnectionAndSecuritySettingsAndDropsClientOnlyOnes() {
    assertThat(AdminSettings.of(Map.of("bootstrap.servers", "127.0.0.1:9092", "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", "SCRAM-SHA-256", "acks", "all", "linger.ms", 20, "group.id", "g")))
        .containsOnly(Map.entry("bootstrap.servers", "127.0.0.1:9092"),
            Map.entry("security.protocol", "SASL_PLAINTEXT"), Map.entry("sasl.mechanism", "SCRAM-SHA-256"));
  }
}
