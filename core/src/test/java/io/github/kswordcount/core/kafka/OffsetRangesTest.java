package io.github.kswordcount.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.junit.jupiter.api.Test;

class OffsetRangesTest {

  private final OffsetRange[] ranges = {
      OffsetRange.create("lab", 1, 5, 5), OffsetRange.create("lab", 0, 10, 25), OffsetRange.create("a", 2, 0, 3)};

  @Test
  void formatsRangesSortedByTopicAndPartition() {
    assertThat(OffsetRanges.format(ranges)).isEqualTo("a-2 [0, 3) 3, lab-0 [10, 25) 15, lab-1 [5, 5) 0");
    assertThat(OffsetRanges.format(new OffsetRange[0])).isEqualTo("(none)");
    assertThat(OffsetRanges.count(ranges)).isEqualTo(18);
  }

  @Test
  void untilOffsetsAreTheNextOffsetsToRead() {
    assertThat(OffsetRanges.untilOffsets(ranges)).containsExactly(
        Map.entry(new TopicPartition("a", 2), new OffsetAndMetadata(3)),
        Map.entry(new TopicPartition("lab", 0), new OffsetAndMetadata(25)),
        Map.entry(new TopicPartition("lab", 1), new OffsetAndMetadata(5)));
  }

  @Test
  void lagIsEndMinusCommittedAndTheWholeLogWithoutACommit() {
    TopicPartition tp = new TopicPartition("lab", 0);
    assertThat(new PartitionLag(tp, 7, 10).lag()).isEqualTo(3);
    assertThat(new PartitionLag(tp, -1, 10).lag()).isEqualTo(10);
    assertThat(new PartitionLag(tp, 10, 10)).hasToString("lab-0 committed=10 end=10 lag=0");
    assertThat(new PartitionLag(tp, -1, 4)).hasToString("lab-0 committed=- end=4 lag=4");
  }
}
