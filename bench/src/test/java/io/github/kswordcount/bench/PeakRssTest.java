package io.github.kswordcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeakRssTest {

  @Test
  void readsVmHwmInKilobytes() {
    String status = "Name:\tjava\nVmPeak:\t 8985628 kB\nVmSize:\t 8985628 kB\nVmHWM:\t  994036 kB\n"
        + "VmRSS:\t  990000 kB\n";
    assertThat(PeakRss.parse(status)).isEqualTo(994_036L);
  }

  @Test
  void aZombieWithoutMemoryHasNoPeak() {
    assertThat(PeakRss.parse("Name:\tjava\nState:\tZ (zombie)\n")).isEqualTo(-1L);
  }

  @Test
  void thisProcessHasAPeak() {
    assertThat(PeakRss.kilobytes(ProcessHandle.current().pid())).isPositive();
    assertThat(PeakRss.kilobytes(Long.MAX_VALUE)).isEqualTo(-1L);
  }
}
