package io.github.kswordcount.core.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** Where received blocks are kept: the only copy of records whose offsets are already committed. */
class KafkaReceiversTest {

  @Test
  void withoutTheWriteAheadLogOnAClusterBlocksAreReplicatedToASecondExecutor() {
    assertThat(KafkaReceivers.storageLevel(false, false)).isEqualTo(StorageLevel.MEMORY_AND_DISK_SER_2());
  }

  @Test
  void withTheWriteAheadLogTheLogIsTheSecondCopy() {
    assertThat(KafkaReceivers.storageLevel(true, false)).isEqualTo(StorageLevel.MEMORY_AND_DISK_SER());
    assertThat(KafkaReceivers.storageLevel(true, true)).isEqualTo(StorageLevel.MEMORY_AND_DISK_SER());
  }

  @Test
  void locallyThereIsNoSecondExecutorToReplicateTo() {
    assertThat(KafkaReceivers.storageLevel(false, true)).isEqualTo(StorageLevel.MEMORY_AND_DISK_SER());
  }
}
