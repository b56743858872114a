package io.github.kswordcount.localkafka;

import static org.awaitility.Awaitility.await;
import static io.github.kswordcount.localkafka.KafkaIo.TIMEOUT;
import static io.github.kswordcount.localkafka.KafkaIo.onceAuthorized;
import static io.github.kswordcount.localkafka.KafkaIo.readText;
import static io.github.kswordcount.localkafka.KafkaIo.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three secured nodes: brokers replicate to each other over SASL/SCRAM as the super user. */
class SecuredThreeNodesIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder.nodes(3)
      .brokerConfig("min.insync.replicas", "2").user("admin", "admin-secret").user("alice", "alice-secret"));

  @Test
  void replicatesAUsersAcksAllWritesAndServesThemWithTheLeaderStopped(LocalKafka kafka) throws Exception {
    kafka.createTopic("replicated", 1, 3);
    SecuredClients.allow(kafka, "alice", ResourceType.TOPIC, "replicated", AclOperation.WRITE, AclOperation.READ);
    try (Admin admin = Admin.create(new HashMap<String, Object>(kafka.clientConfig()))) {
      sendOnceAuthorized(kafka, records("before-0", "before-1"));
      await("all 3 replicas in sync").atMost(TIMEOUT).pollInSameThread()
          .until(() -> partition(admin).isr().size() == 3);
      int leader = partition(admin).leader().id();

      kafka.stopNode(leader);
      sendOnceAuthorized(kafka, records("during-0"));

      assertThat(readText(kafka.clientConfig("alice"), "replicated")).extracting(ConsumerRecord::value)
          .containsExactly("before-0", "before-1", "during-0");
      kafka.startNode(leader);
      await("node " + leader + " back in sync").atMost(TIMEOUT).pollInSameThread()
          .until(() -> partition(admin).isr().size() == 3);
    }
  }

  /**
   * Sends as alice once every broker the send reaches applies her ACL: the partition's leader (a refused produce:
   * {@link TopicAuthorizationException}) and the one asked for a producer id (a refused idempotent producer:
   * {@link ClusterAuthorizationException}) may each be behind the broker that listed it.
   */
  private static void sendOnceAuthorized(LocalKafka kafka, List<ProducerRecord<String, String>> records) {
    onceAuthorized("alice's send of " + records.size() + " record(s)",
        () -> send(kafka.clientConfig("alice"), records));
  }

  private static List<ProducerRecord<String, String>> records(String... values) {
    return List.of(values).stream().map(v -> new ProducerRecord<String, String>("replicated", v)).toList();
  }

  private static TopicPartitionInfo partition(Admin admin) {
    try {
      return admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated").partitions().get(0);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
