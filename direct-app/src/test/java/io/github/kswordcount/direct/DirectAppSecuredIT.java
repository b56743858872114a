package io.github.kswordcount.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import io.github.kswordcount.localkafka.SecuredClients;
import io.github.kswordcount.localkafka.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct job in this JVM against a SASL/SCRAM broker with ACLs: {@code --consumer.config} carries the
 * security settings to every client the job opens (driver and executor consumers, the Admin client for lag and
 * commits, the output producer), and the user needs only the ACLs named here.
 */
class DirectAppSecuredIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder
      .user("admin", "admin-secret").user("counter", "counter-secret"));

  @TempDir Path dir;

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @Test
  void countsASecuredTopicIntoAnOutputTopicWithReadOnTopicAndGroupAndWriteOnTheOutput(LocalKafka kafka)
      throws Exception {
    Corpus corpus = securedTopics(kafka, "once");

    int status = run(kafka, "once");

    assertThat(status).as(errBytes.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(sumCounts(kafka, "once-out")).isEqualTo(corpus.counts());
    assertThat(committed(kafka, "once-count")).isEqualTo(endOffsets(kafka, "once-in"));
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).doesNotContain("counter-secret");
  }

  @Test
  void exactlyOnceAlsoNeedsWriteOnTheTransactionalIdPrefix(LocalKafka kafka) throws Exception {
    Corpus corpus = securedTopics(kafka, "tx");
    SecuredClients.allowPrefixed(kafka, "counter", ResourceType.TRANSACTIONAL_ID, "wordcount-tx-",
        AclOperation.WRITE, AclOperation.DESCRIBE);

    int status = run(kafka, "tx", "--exactly-once");

    assertThat(status).as(errBytes.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(sumCounts(kafka, "tx-out")).isEqualTo(corpus.counts());
    assertThat(committed(kafka, "tx-count")).isEqualTo(endOffsets(kafka, "tx-in"));
  }

  /** NAME-in (2 partitions, a corpus written as the super user) and NAME-out, and the user's ACLs on them. */
  private Corpus securedTopics(LocalKafka kafka, String name) throws Exception {
    kafka.createTopic(name + "-in", 2, 1);
    kafka.createTopic(name + "-out", 1, 1);
    Corpus corpus = Corpus.generate(600, 13);
    produceLines(kafka, name + "-in", corpus.lines());
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, name + "-in", AclOperation.READ, AclOperation.DESCRIBE);
    SecuredClients.allow(kafka, "counter", ResourceType.GROUP, name + "-count", AclOperation.READ);
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, name + "-out", AclOperation.WRITE,
        AclOperation.DESCRIBE);
    return corpus;
  }

  private int run(LocalKafka kafka, String name, String... extra) {
    Path counter = SecuredClients.propertiesFile(dir.resolve("counter.properties"), kafka.clientConfig("counter"));
    List<String> args = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(), "--master",
        "local[2]", "--batch-seconds", "1", "--print", "0", "--spark-conf", "spark.ui.enabled=false",
        "--topic", name + "-in", "--group", name + "-count", "--from-beginning", "--output-topic", name + "-out",
        "--stop-when-idle", "2", "--consumer.config", counter.toString()));
    args.addAll(List.of(extra));
    return DirectApp.run(args.toArray(new String[0]), err);
  }

  private static void produceLines(LocalKafka kafka, String topic, List<String> lines) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(new HashMap<String, Object>(
        kafka.clientConfig()), new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        sent.add(producer.send(new ProducerRecord<>(topic, Integer.toString(i), lines.get(i))));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    }
  }

  private static Map<String, Long> sumCounts(LocalKafka kafka, String topic) {
    Map<String, Long> sums = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(kafka.clientConfig(), topic, "read_committed")) {
      sums.merge(new String(r.key(), StandardCharsets.UTF_8),
          Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)), Long::sum);
    }
    return sums;
  }

  private static Map<TopicPartition, Long> committed(LocalKafka kafka, String group) throws Exception {
    try (Admin admin = Admin.create(new HashMap<String, Object>(kafka.clientConfig()))) {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      Map<TopicPartition, OffsetAndMetadata> found =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      found.forEach((tp, om) -> offsets.put(tp, om.offset()));
      return offsets;
    }
  }

  /** Each partition's end offset, from its records (the input is written without transactions). */
  private static Map<TopicPartition, Long> endOffsets(LocalKafka kafka, String topic) {
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(kafka.clientConfig(), topic, "read_uncommitted")) {
      ends.merge(new TopicPartition(topic, r.partition()), r.offset() + 1, Math::max);
    }
    return ends;
  }
}
