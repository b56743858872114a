package io.github.kswordcount.jobframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import io.github.kswordcount.localkafka.NotKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The check both jobs make before Spark starts, against addresses where no Kafka answers: one line naming the
 * address within the check's bound, whether nothing listens or some other service does.
 */
class KafkaChecksTest {
  private static final Duration BOUND = Duration.ofSeconds(2);

  @AfterEach
  void closeClients() {
    SharedClients.closeAll();
  }

  @Test
  void anHttpServerOnThePortIsOneLineWithinTheBound() {
    try (NotKafka http = NotKafka.start()) {
      assertRefusedWithinTheBound(http.address());
    }
  }

  @Test
  void aPortWhereNothingListensIsOneLineWithinTheBound() {
    assertRefusedWithinTheBound("127.0.0.1:1");
  }

  private static void assertRefusedWithinTheBound(String address) {
    long start = System.nanoTime();
    assertThatThrownBy(() -> KafkaChecks.requireTopics(Map.of("bootstrap.servers", address), List.of("lab"), BOUND))
        .isInstanceOf(KafkaCallException.class)
        .hasMessage("cannot reach Kafka at " + address + " within 2 s (is a broker running there?)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND.multipliedBy(3));
  }
}
