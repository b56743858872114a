package io.github.kswordcount.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerfOutputTest {

  @Test
  void producerPerformancesFinalLineGivesItsRecordsAndRate() {
    List<String> out = List.of(
        "1970045 records sent, 393930.1 records/sec (23.29 MB/sec), 69.2 ms avg latency, 328.0 ms max latency.",
        "3000000 records sent, 597014.925373 records/sec (35.30 MB/sec), 56.81 ms avg latency, 328.00 ms max "
            + "latency, 48 ms 50th, 134 ms 95th, 262 ms 99th, 319 ms 99.9th.");
    assertThat(PerfOutput.produced(out)).isEqualTo(new PerfOutput.Produced(3_000_000, 597014.925373));
  }

  @Test
  void producerPerformanceWithoutAFinalLineIsRefused() {
    assertThatThrownBy(() -> PerfOutput.produced(List.of("5 records sent, 1.0 records/sec (0.00 MB/sec), 1.0 ms avg "
        + "latency, 2.0 ms max latency."))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no final 'N records sent, R records/sec' line in ProducerPerformance's output: 5 ");
  }

  @Test
  void consumerPerformancesRowIsReadByItsHeader() {
    List<String> out = List.of(
        "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, "
            + "fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
        "2026-12-02 07:10:01:120, 2026-12-02 07:10:01:930, 1.2300, 1.5185, 20000, 24691.3580, 310, 500, 2.4600, "
            + "40000.0000");
    assertThat(PerfOutput.consumed(out)).isEqualTo(new PerfOutput.Consumed(20_000, 24691.358, 40_000.0));
  }

  @Test
  void consumerPerformanceWithoutItsHeaderIsRefused() {
    assertThatThrownBy(() -> PerfOutput.consumed(List.of("WARN nothing"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no 'start.time, ...' header and row in ConsumerPerformance's output: WARN nothing");
  }
}
