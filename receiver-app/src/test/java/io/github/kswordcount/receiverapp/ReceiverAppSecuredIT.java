package io.github.kswordcount.receiverapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.testing.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import io.github.kswordcount.localkafka.SecuredClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver job in this JVM against a SASL/SCRAM broker with ACLs: {@code --consumer.config} reaches the
 * receivers' consumers, the Admin clients of the driver (lag, the counted offsets, the final commit) and of
 * the receivers, and the output producer; the user needs only the ACLs the README lists.
 */
class ReceiverAppSecuredIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder
      .user("admin", "admin-secret").user("counter", "counter-secret"));

  @TempDir Path dir;

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @Test
  void countsASecuredTopicWithReadOnTheTopicAndTheGroupPrefixAndWriteOnTheOutput(LocalKafka kafka) {
    kafka.createTopic("rsec-in", 2, 1);
    kafka.createTopic("rsec-out", 1, 1);
    Corpus corpus = Corpus.generate(600, 17);
    KafkaIo.produceLines(kafka.clientConfig(), "rsec-in", corpus.lines());
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "rsec-in", AclOperation.READ, AclOperation.DESCRIBE);
    // The group and its companion rsec-count.counted, where the driver announces what it counted.
    SecuredClients.allowPrefixed(kafka, "counter", ResourceType.GROUP, "rsec-count", AclOperation.READ);
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "rsec-out", AclOperation.WRITE, AclOperation.DESCRIBE);
    Path counter = SecuredClients.propertiesFile(dir.resolve("counter.properties"), kafka.clientConfig("counter"));

    int status = ReceiverApp.run(new String[] {"--bootstrap-server", kafka.bootstrapServers(), "--master",
        "local[2]", "--batch-seconds", "1", "--print", "0", "--spark-conf", "spark.ui.enabled=false",
        "--topic", "rsec-in", "--group", "rsec-count", "--from-beginning", "--output-topic", "rsec-out",
        "--checkpoint-dir", dir.resolve("checkpoint").toString(), "--stop-when-idle", "3",
        "--consumer.config", counter.toString()}, err);

    String stderr = errBytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(stderr).isZero();
    assertThat(KafkaIo.sumCounts(kafka.clientConfig(), "rsec-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(kafka.clientConfig(), "rsec-count"))
        .isEqualTo(KafkaIo.endOffsets(kafka.clientConfig(), "rsec-in", 2));
    assertThat(stderr).doesNotContain("counter-secret");
    assertThat(stderr.lines().filter(l -> l.startsWith("error: ")).toList()).isEmpty();
    assertThat(List.of(stderr.split("\n"))).noneMatch(l -> l.contains("AuthorizationException"));
  }
}
