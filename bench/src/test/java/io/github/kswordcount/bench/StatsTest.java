package io.github.kswordcount.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void theMedianOfAnOddCountIsTheMiddleValueInAnyOrder() {
    assertThat(Stats.median(List.of(3.18, 4.68, 2.76))).isEqualTo(3.18);
    assertThat(Stats.median(List.of(7L))).isEqualTo(7.0);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(Stats.median(List.of(4, 1, 3, 2))).isEqualTo(2.5);
    assertThat(Stats.medianLong(new long[] {200_000, 100_001, 300_000, 100_000})).isEqualTo(150_001L);
  }

  @Test
  void theMedianOfNothingIsRefused() {
    assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the median of no values");
  }

  @Test
  void ratiosHaveTwoDecimalsAndAnX() {
    assertThat(Stats.ratio(4.68 / 3.18)).isEqualTo("1.47x");
    assertThat(Stats.ratio(1)).isEqualTo("1.00x");
    assertThat(Stats.ratio(Double.NaN)).isEqualTo("n/a");
    assertThat(Stats.ratio(Double.POSITIVE_INFINITY)).isEqualTo("n/a");
  }

  @Test
  void ratesKeepThreeSignificantDigitsWithThousandsSeparators() {
    assertThat(Stats.rate(656_912.4)).isEqualTo("657,000");
    assertThat(Stats.rate(2_204_871)).isEqualTo("2,200,000");
    assertThat(Stats.rate(12_345)).isEqualTo("12,300");
    assertThat(Stats.rate(987.6)).isEqualTo("988");
    assertThat(Stats.rate(42.4)).isEqualTo("42");
    assertThat(Stats.rate(0)).isEqualTo("n/a");
  }

  @Test
  void secondsMegabytesAndGroupedNumbers() {
    assertThat(Stats.seconds(3_184_000_000L)).isEqualTo("3.18 s");
    assertThat(Stats.megabytes(319_488)).isEqualTo("312 MB");
    assertThat(Stats.megabytes(-1)).isEqualTo("n/a");
    assertThat(Stats.grouped(1_000_000)).isEqualTo("1,000,000");
    assertThat(Stats.grouped(2206.5)).isEqualTo("2,207");
  }
}
