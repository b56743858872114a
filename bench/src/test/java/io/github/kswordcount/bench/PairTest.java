package io.github.kswordcount.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beust.jcommander.ParameterException;
import org.junit.jupiter.api.Test;

class PairTest {

  @Test
  void everyPairRunsWithoutOnly() {
    assertThat(BenchOptions.pairs(null)).containsExactly(Pair.PRODUCER, Pair.CONSUMER, Pair.DIRECT, Pair.RECEIVER);
  }

  @Test
  void onlyNamesPairsInAnyOrderAndKeepsTheTablesOrder() {
    assertThat(BenchOptions.pairs("consumer, producer")).containsExactly(Pair.PRODUCER, Pair.CONSUMER);
    assertThat(Pair.fatJars(BenchOptions.pairs("consumer,producer")))
        .containsExactly("local-kafka", "producer-cli", "consumer-cli");
  }

  @Test
  void anUnknownPairIsRefusedWithTheNamesToUse() {
    assertThatThrownBy(() -> BenchOptions.pairs("producer,spark")).isInstanceOf(ParameterException.class)
        .hasMessage("--only 'producer,spark' is invalid: give pairs from producer, consumer, direct, receiver, "
            + "comma-separated");
  }
}
