package io.github.kswordcount.core.internal.kafka;

import io.github.kswordcount.core.kafka.KafkaCallException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.kafka.common.IsolationLevel.READ_COMMITTED;

import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The committer and the lag reader against a real broker: exact offsets, exact lag, the empty-group rule. */
@ExtendWith(LocalKafkaExtension.class)
class OffsetCommitterIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void commitsUntilOffsetsSynchronouslyAndTheLagFollows(LocalKafka kafka) {
    kafka.createTopic("commits", 2, 1);
    KafkaIo.produceLines(kafka.bootstrapServers(), "commits", Collections.nCopies(40, "line"));
    Map<TopicPartition, Long> ends = KafkaIo.endOffsets(kafka.bootstrapServers(), "commits", 2);
    long end0 = ends.get(new TopicPartition("commits", 0));
    long end1 = ends.get(new TopicPartition("commits", 1));
    assertThat(end0 + end1).isEqualTo(40);
    Map<String, Object> params = ConsumerParams.of(kafka.bootstrapServers(), "committer", false, Map.of());
    OffsetCommitter committer = OffsetCommitter.forGroup(params, TIMEOUT);
    Admin admin = SharedClients.admin(params);

    assertThat(ConsumerLag.ofTopics(admin, "committer", List.of("commits"), READ_COMMITTED, TIMEOUT)).containsExactly(
        new PartitionLag(new TopicPartition("commits", 0), -1, end0),
        new PartitionLag(new TopicPartition("commits", 1), -1, end1));

    committer.commit(committer.plan(List.of(range("commits", 0, 0, 3), range("commits", 1, 0, 0))));
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "committer")).isEqualTo(Map.of(
        new TopicPartition("commits", 0), 3L, new TopicPartition("commits", 1), 0L));
    List<PartitionLag> lag = ConsumerLag.ofTopics(admin, "committer", List.of("commits"), READ_COMMITTED, TIMEOUT);
    assertThat(lag).containsExactly(new PartitionLag(new TopicPartition("commits", 0), 3, end0),
        new PartitionLag(new TopicPartition("commits", 1), 0, end1));
    assertThat(ConsumerLag.total(lag)).isEqualTo(40 - 3);

    committer.commit(committer.plan(List.of(range("commits", 0, 3, end0), range("commits", 1, 0, end1))));
    assertThat(ConsumerLag.total(ConsumerLag.ofTopics(admin, "committer", List.of("commits"), READ_COMMITTED, TIMEOUT))).isZero();
    SharedClients.closeAll();
  }

  @Test
  void theBrokerRefusesTheCommitWhileASubscribedMemberIsInTheGroup(LocalKafka kafka) {
    kafka.createTopic("busy", 1, 1);
    Map<String, Object> params = ConsumerParams.of(kafka.bootstrapServers(), "busy-group", false, Map.of());
    try (KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(params)) {
      member.subscribe(List.of("busy"));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (member.assignment().isEmpty() && System.nanoTime() < deadline) {
        member.poll(Duration.ofMillis(100));
      }
      assertThat(member.assignment()).isNotEmpty();
      OffsetCommitter committer = OffsetCommitter.forGroup(params, TIMEOUT);
      assertThatThrownBy(() -> committer.commit(new CommitPlan(true,
          Map.of(new TopicPartition("busy", 0), new OffsetAndMetadata(0)))))
          .isInstanceOf(KafkaCallException.class)
          .hasMessageStartingWith("cannot commit offsets of group 'busy-group': ");
    } finally {
      SharedClients.closeAll();
    }
  }

  @Test
  void anUnreachableClusterFailsWithinTheTimeout() {
    Map<String, Object> params = ConsumerParams.of("127.0.0.1:1", "nowhere", false, Map.of());
    OffsetCommitter committer = OffsetCommitter.forGroup(params, Duration.ofSeconds(2));
    try {
      assertThatThrownBy(() -> committer.plan(List.of(range("t", 0, 0, 1))))
          .isInstanceOf(KafkaCallException.class)
          .hasMessage("cannot read the offsets of group 'nowhere': no answer from Kafka within 2000 ms");
    } finally {
      SharedClients.closeAll();
    }
  }

  private static BatchRange range(String topic, int partition, long from, long until) {
    return new BatchRange(new TopicPartition(topic, partition), from, until, until);
  }
}
