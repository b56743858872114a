package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;

/** Embedded, a broker's fatal exit must not end the JVM (this test JVM would vanish if it did). */
class FatalExitsTest {

  @Test
  void refusesKafkasHaltAndExitWithAnExceptionAndRecordsThem() {
    FatalExits.installEmbedded();
    long before = FatalExits.faultCount();

    assertThatThrownBy(() -> Exit.halt(1, "metadata log failed"))
        .isInstanceOf(LocalKafkaException.class)
        .hasMessage("Kafka asked to end the JVM (status 1, metadata log failed);"
            + " the JVM keeps running but the broker may be broken");
    assertThatThrownBy(() -> Exit.exit(3))
        .isInstanceOf(LocalKafkaException.class)
        .hasMessage("Kafka asked to end the JVM (status 3, no reason given);"
            + " the JVM keeps running but the broker may be broken");

    assertThat(FatalExits.faultCount()).isEqualTo(before + 2);
    assertThat(FatalExits.lastFault()).contains("status 3");
  }
}
