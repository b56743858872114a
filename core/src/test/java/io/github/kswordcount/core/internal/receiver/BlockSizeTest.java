package io.github.kswordcount.core.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockSizeTest {

  private static Object pollRecords(Map<String, Object> params, long maxRate, int threads) {
    return ReliableKafkaReceiver.readParams(new HashMap<>(params), maxRate, threads).get("max.poll.records");
  }

  @Test
  void withoutARateLimitAPollHoldsUpTo20000Records() {
    assertThat(pollRecords(Map.of("group.id", "g"), 0, 1)).isEqualTo("20000");
  }

  @Test
  void withARateLimitAPollHoldsAFifthOfASecondOfTheThreadsShare() {
    assertThat(pollRecords(Map.of(), 800, 1)).isEqualTo("160");
    assertThat(pollRecords(Map.of(), 800, 2)).isEqualTo("80");
    assertThat(pollRecords(Map.of(), 3, 1)).isEqualTo("1");
    assertThat(pollRecords(Map.of(), 1_000_000, 2)).isEqualTo("20000");
  }

  @Test
  void theUsersMaxPollRecordsWins() {
    assertThat(pollRecords(Map.of("max.poll.records", "7"), 0, 1)).isEqualTo("7");
    assertThat(pollRecords(Map.of("max.poll.records", 9000), 800, 1)).isEqualTo(9000);
  }

  @Test
  void readsInLargerFetchesAndSocketBuffersUnlessTheUserSaysOtherwise() {
    assertThat(ReliableKafkaReceiver.readParams(new HashMap<>(Map.of("group.id", "g")), 0, 1))
        .containsEntry("max.partition.fetch.bytes", "8388608").containsEntry("receive.buffer.bytes", 1048576);
    assertThat(ReliableKafkaReceiver.readParams(new HashMap<>(Map.of("max.partition.fetch.bytes", "1048576",
        "receive.buffer.bytes", 65536)), 0, 1))
        .containsEntry("max.partition.fetch.bytes", "1048576").containsEntry("receive.buffer.bytes", 65536);
  }
}
