package io.github.kswordcount.core.internal.kafka;

import io.github.kswordcount.core.kafka.KafkaCallException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The committer's rule: write and commit only from where the group is; skip what it has passed. */
class OffsetCommitterTest {
  private static final TopicPartition P0 = new TopicPartition("lab", 0);
  private static final TopicPartition P1 = new TopicPartition("lab", 1);

  @Test
  void aNewGroupCommitsEvenAnEmptyBatch() {
    CommitPlan plan = OffsetCommitter.decide("g", List.of(new BatchRange(P0, 5, 5, 5)), Map.of());
    assertThat(plan).isEqualTo(new CommitPlan(true, Map.of(P0, new OffsetAndMetadata(5, ""))));
  }

  @Test
  void aBatchThatStartsWhereTheGroupIsIsWrittenAndCommitted() {
    CommitPlan plan = OffsetCommitter.decide("g", List.of(new BatchRange(P0, 5, 9, 9), new BatchRange(P1, 2, 2, 2)),
        Map.of(P0, new OffsetAndMetadata(5), P1, new OffsetAndMetadata(2)));
    assertThat(plan).isEqualTo(new CommitPlan(true, Map.of(P0, new OffsetAndMetadata(9, ""))));
  }

  @Test
  void markersAfterARangeAreCommittedWithTheRangesEndAsMetadataAndTheNextBatchStartsThere() {
    CommitPlan first = OffsetCommitter.decide("g", List.of(new BatchRange(P0, 0, 3, 4)), Map.of());
    assertThat(first.offsets()).containsExactly(Map.entry(P0, new OffsetAndMetadata(4, "3")));
    CommitPlan next = OffsetCommitter.decide("g", List.of(new BatchRange(P0, 3, 7, 8)), first.offsets());
    assertThat(next).isEqualTo(new CommitPlan(true, Map.of(P0, new OffsetAndMetadata(8, "7"))));
  }

  @Test
  void aBatchTheGroupHasPassedIsNeitherWrittenNorCommitted() {
    CommitPlan plan = OffsetCommitter.decide("g", List.of(new BatchRange(P0, 5, 9, 9)),
        Map.of(P0, new OffsetAndMetadata(12)));
    assertThat(plan).isEqualTo(new CommitPlan(false, Map.of()));
  }

  @Test
  void aGroupInsideTheBatchOrBehindItFailsTheBatch() {
    assertThatThrownBy(() -> OffsetCommitter.decide("g", List.of(new BatchRange(P0, 5, 9, 9)),
        Map.of(P0, new OffsetAndMetadata(7)))).isInstanceOf(KafkaCallException.class)
        .hasMessageStartingWith("group 'g' is at offset 7 of lab-0 but the batch starts at 5");
    assertThatThrownBy(() -> OffsetCommitter.decide("g", List.of(new BatchRange(P0, 5, 9, 9)),
        Map.of(P0, new OffsetAndMetadata(3)))).isInstanceOf(KafkaCallException.class)
        .hasMessageStartingWith("group 'g' is at offset 3 of lab-0 but the batch starts at 5");
  }

  @Test
  void aBatchPartlyPassedFailsRatherThanCountingTwice() {
    assertThatThrownBy(() -> OffsetCommitter.decide("g",
        List.of(new BatchRange(P0, 5, 9, 9), new BatchRange(P1, 0, 4, 4)),
        Map.of(P0, new OffsetAndMetadata(9), P1, new OffsetAndMetadata(0))))
        .isInstanceOf(KafkaCallException.class).hasMessageContaining("holds part of the batch");
  }
}
