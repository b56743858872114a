package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalKafkaBuilderTest {

  @Test
  void acceptsOnlyOneOrThreeNodes() {
    assertThatThrownBy(() -> LocalKafka.builder().nodes(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nodes must be 1 or 3, not 2");
  }

  @Test
  void rejectsAPortOutsideTheRange() {
    assertThatThrownBy(() -> LocalKafka.builder().port(65_536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be from 0 to 65535, not 65536");
  }

  @Test
  void rejectsThreeNodesWhosePortsWouldPassTheLastPort() {
    assertThatThrownBy(() -> LocalKafka.builder().nodes(3).port(65_534).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ports 65534 to 65536 don't all exist");
  }

  @Test
  void rejectsATopicWithoutPartitions() {
    assertThatThrownBy(() -> LocalKafka.builder().topic("lab", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partitions must be >= 1, not 0");
  }

  @Test
  void refusesToServeBeforeStart() {
    assertThatThrownBy(() -> LocalKafka.builder().build().bootstrapServers())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("call start() first");
  }
}
