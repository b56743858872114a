package io.github.kswordcount.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {

  private static final List<String> DIRECT_APP = List.of(
      "07:10:01.123 WARN  NativeCodeLoader - Unable to load native-hadoop library",
      "batch time=1764086400000 records=0 words=0 distinct=0 processing_ms=31 delay_ms=5 rate=0/s lag=20000",
      "batch time=1764086402000 records=15000 words=165000 distinct=2900 processing_ms=1500 delay_ms=2 rate=10000/s "
          + "lag=5000",
      "batch time=1764086404000 records=5000 words=55000 distinct=2500 processing_ms=500 delay_ms=1 rate=10000/s lag=0",
      "batch time=1764086406000 records=0 words=0 distinct=0 processing_ms=12 delay_ms=0 rate=0/s lag=0",
      "summary batches=4 records=20000 words=220000 elapsed_ms=9800 rate=2040/s lag=0 skipped=0 replaced=0");

  @Test
  void fieldsAreTheKeyValueWordsOfALineInOrder() {
    assertThat(ProgressLines.fields("batch time=1 records=2 rate=2/s receivers=0:510/s,1:490/s"))
        .containsExactly(Map.entry("time", "1"), Map.entry("records", "2"), Map.entry("rate", "2/s"),
            Map.entry("receivers", "0:510/s,1:490/s"));
  }

  @Test
  void totalsAddUpOnlyTheBatchesWithRecordsAndTakeTheSummary() {
    assertThat(ProgressLines.totals(DIRECT_APP))
        .isEqualTo(new ProgressLines.Totals(2, 20_000, 2_000, 1764086402000L, 1764086404000L, 20_000));
  }

  @Test
  void theProcessingRateIsRecordsOverProcessingTime() {
    assertThat(ProgressLines.totals(DIRECT_APP).processingRate()).isEqualTo(10_000.0);
  }

  @Test
  void theSpanRateCountsEachBatchWhole() {
    // 20,000 records over 2 s between the first and the last batch, plus the last batch's 2 s.
    assertThat(ProgressLines.totals(DIRECT_APP).spanRate(2_000)).isEqualTo(5_000.0);
  }

  @Test
  void theLabJobsLinesAreReadTheSameWay() {
    List<String> lab = List.of(LabProgress.line(2_000, 20_000, 3_500, 40), LabProgress.line(4_000, 0, 20, 0),
        "summary batches=2 records=20000 elapsed_ms=8000 rate=2500/s");
    assertThat(lab.get(0)).isEqualTo("batch time=2000 records=20000 processing_ms=3500 delay_ms=40 rate=5714/s");
    assertThat(ProgressLines.totals(lab)).isEqualTo(new ProgressLines.Totals(1, 20_000, 3_500, 2_000, 2_000, 20_000));
  }

  @Test
  void theFirstBatchIsColdAndTheLaterFullOnesGiveTheWarmMedian() {
    List<String> backlog = List.of(LabProgress.line(2_000, 1_000, 400, 0), LabProgress.line(4_000, 1_000, 200, 0),
        "some log line", LabProgress.line(6_000, 1_000, 100, 0), LabProgress.line(8_000, 990, 110, 0),
        LabProgress.line(10_000, 10, 1, 0), LabProgress.line(12_000, 0, 1, 0));
    List<ProgressLines.Batch> batches = ProgressLines.batches(backlog);
    assertThat(batches).containsExactly(new ProgressLines.Batch(2_000, 1_000, 400),
        new ProgressLines.Batch(4_000, 1_000, 200), new ProgressLines.Batch(6_000, 1_000, 100),
        new ProgressLines.Batch(8_000, 990, 110), new ProgressLines.Batch(10_000, 10, 1));
    // Warm: 5,000, 10,000 and 9,000 lines/s; the last batch's 10 records are left out, and so is the cold first.
    assertThat(ProgressLines.warmRate(batches, 1_000)).isEqualTo(9_000.0);
    assertThat(ProgressLines.warmRate(batches.subList(0, 1), 1_000)).isZero();
  }

  @Test
  void noBatchesMeanNoRecordsAndNoSummary() {
    ProgressLines.Totals none = ProgressLines.totals(List.of("error: topic 'bench' does not exist"));
    assertThat(none).isEqualTo(new ProgressLines.Totals(0, 0, 0, 0, 0, -1));
    assertThat(none.processingRate()).isZero();
    assertThat(none.spanRate(500)).isZero();
  }

  @Test
  void aBatchLineWithoutItsNumbersIsRefusedNamingTheLine() {
    assertThatThrownBy(() -> ProgressLines.totals(List.of("batch time=1 records=many")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no whole number records= in progress line 'batch time=1 records=many'");
  }
}
