package io.github.kswordcount.direct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectJobTest {

  @Test
  void readsInLargerFetchesAndPollsUnlessTheUserSaysOtherwise() {
    assertThat(DirectJob.withReadDefaults(Map.of("group.id", "g")))
        .containsEntry("max.partition.fetch.bytes", "8388608").containsEntry("max.poll.records", "5000")
        .containsEntry("group.id", "g");
    assertThat(DirectJob.withReadDefaults(Map.of("max.poll.records", "7")))
        .containsEntry("max.poll.records", "7").containsEntry("max.partition.fetch.bytes", "8388608");
  }
}
