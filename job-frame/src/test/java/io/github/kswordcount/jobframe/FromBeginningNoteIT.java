package io.github.kswordcount.jobframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.internal.kafka.SharedClients;
import io.github.kswordcount.core.kafka.Topics;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against a real broker: the note appears exactly when the group has committed offsets on the job's topics. */
@ExtendWith(LocalKafkaExtension.class)
class FromBeginningNoteIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  @AfterEach
  void closeClients() {
    SharedClients.closeAll();
  }

  @Test
  void aGroupWithOffsetsOnTheTopicGetsTheNoteANewGroupNone(LocalKafka kafka) throws Exception {
    String topic = "lab-" + UUID.randomUUID();
    String other = "other-" + UUID.randomUUID();
    kafka.createTopic(topic, 2, 1);
    kafka.createTopic(other, 1, 1);
    String used = "used-" + UUID.randomUUID();
    String elsewhere = "elsewhere-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.alterConsumerGroupOffsets(used, Map.of(new TopicPartition(topic, 1), new OffsetAndMetadata(0)))
          .all().get();
      admin.alterConsumerGroupOffsets(elsewhere, Map.of(new TopicPartition(other, 0), new OffsetAndMetadata(0)))
          .all().get();
    }

    assertThat(FromBeginningNote.check(source(kafka, topic, used), TIMEOUT)).contains(
        FromBeginningNote.line(used, kafka.bootstrapServers(), List.of(topic)));
    assertThat(FromBeginningNote.check(source(kafka, topic, "new-" + UUID.randomUUID()), TIMEOUT)).isEmpty();
    assertThat(FromBeginningNote.check(source(kafka, topic, elsewhere), TIMEOUT)).isEmpty();
  }

  private static KafkaSource source(LocalKafka kafka, String topic, String group) {
    return new KafkaSource(kafka.bootstrapServers(), Topics.names(List.of(topic)), group, true,
        KafkaParams.builder(kafka.bootstrapServers(), group).fromBeginning(true).build());
  }
}
