package io.github.kswordcount.receiverapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.CapturedErr;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.testing.JobArgs;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import io.github.kswordcount.localkafka.Refusal;
import io.github.kswordcount.localkafka.SecuredClients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  private final CapturedErr err = new CapturedErr();

  @Test
  void countsASecuredTopicWithReadOnTheTopicAndTheGroupPrefixAndWriteOnTheOutput(LocalKafka kafka) {
    Corpus corpus = securedTopics(kafka, "rsec");

    int status = run(kafka.clientConfig("counter"), kafka, "rsec");

    String stderr = err.text();
    assertThat(status).as(stderr).isZero();
    assertThat(KafkaIo.sumCounts(kafka.clientConfig(), "rsec-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(kafka.clientConfig(), "rsec-count"))
        .isEqualTo(KafkaIo.endOffsets(kafka.clientConfig(), "rsec-in", 2));
    assertThat(stderr).doesNotContain("counter-secret");
    assertThat(stderr.lines().filter(l -> l.startsWith("error: ")).toList()).isEmpty();
    assertThat(List.of(stderr.split("\n"))).noneMatch(l -> l.contains("AuthorizationException"));
  }

  @Test
  void aWrongPasswordIsOneErrorLine(LocalKafka kafka) {
    securedTopics(kafka, "rbad");

    // The security settings as --consumer-property, as Kafka's tools take them, rather than a file.
    List<String> properties = new ArrayList<>();
    SecuredClients.withPassword(kafka, "counter", "not-the-password")
        .forEach((key, value) -> properties.addAll(List.of("--consumer-property", key + "=" + value)));
    String error = Refusal.of("receiver, a wrong password", err::text, () -> runWith(properties, kafka, "rbad"));

    assertThat(error).isEqualTo("error: cannot reach Kafka at " + kafka.bootstrapServers() + ": Authentication"
        + " failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256 (check the user"
        + " name and password in sasl.jaas.config, from --consumer.config or --consumer-property)");
  }

  @Test
  void withoutWriteOnTheOutputTheRunEndsWithOneErrorLineAndCommitsNothing(LocalKafka kafka) {
    kafka.createTopic("rnowrite-in", 2, 1);
    kafka.createTopic("rnowrite-out", 1, 1);
    KafkaIo.produceLines(kafka.clientConfig(), "rnowrite-in", Corpus.generate(100, 3).lines());
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "rnowrite-in", AclOperation.READ,
        AclOperation.DESCRIBE);
    SecuredClients.allowPrefixed(kafka, "counter", ResourceType.GROUP, "rnowrite-count", AclOperation.READ);
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "rnowrite-out", AclOperation.DESCRIBE);

    String error = Refusal.of("receiver, no Write on the output", err::text,
        () -> run(kafka.clientConfig("counter"), kafka, "rnowrite"));

    assertThat(error).isEqualTo("error: cannot write counts to topic 'rnowrite-out': Not authorized to access"
        + " topics: [rnowrite-out] (check this user's Write and Describe ACLs on topic 'rnowrite-out')");
    assertThat(KafkaIo.committed(kafka.clientConfig(), "rnowrite-count").values()).allMatch(o -> o == 0L);
  }

  @Test
  void withoutReadOnTheGroupTheRunEndsWithOneErrorLineInsteadOfStoppingAsIdle(LocalKafka kafka) {
    kafka.createTopic("rnogroup-in", 2, 1);
    kafka.createTopic("rnogroup-out", 1, 1);
    KafkaIo.produceLines(kafka.clientConfig(), "rnogroup-in", Corpus.generate(100, 5).lines());
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "rnogroup-in", AclOperation.READ,
        AclOperation.DESCRIBE);
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "rnogroup-out", AclOperation.WRITE,
        AclOperation.DESCRIBE);

    String error = Refusal.of("receiver, no Read on the group", err::text,
        () -> run(kafka.clientConfig("counter"), kafka, "rnogroup"));

    // Checked before Spark starts (before, the driver's lag check or the receivers' third refused start, whichever
    // came first, among the receivers' restart warnings).
    assertThat(error).isEqualTo("error: Not authorized to access group: rnogroup-count (check this user's Read ACL on"
        + " group 'rnogroup-count')");
    assertThat(KafkaIo.committed(kafka.clientConfig(), "rnogroup-count").values()).allMatch(o -> o == 0L);
  }

  @Test
  void withoutReadOnTheInputTopicTheJobDoesNotStart(LocalKafka kafka) {
    kafka.createTopic("rnoread-in", 2, 1);
    kafka.createTopic("rnoread-out", 1, 1);
    SecuredClients.allowPrefixed(kafka, "counter", ResourceType.GROUP, "rnoread-count", AclOperation.READ);
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "rnoread-out", AclOperation.WRITE,
        AclOperation.DESCRIBE);

    String error = Refusal.of("receiver, no Read on the input", err::text,
        () -> run(kafka.clientConfig("counter"), kafka, "rnoread"));

    assertThat(error).isEqualTo("error: not authorized to describe topic 'rnoread-in' on " + kafka.bootstrapServers()
        + " (check this user's Read and Describe ACLs on the input topics, Write and Describe on the output topic)");
  }

  @Test
  void withDescribeButNoReadOnTheInputTopicTheRunEndsWithOneErrorLineAndCommitsNothing(LocalKafka kafka) {
    kafka.createTopic("rdesc-in", 2, 1);
    kafka.createTopic("rdesc-out", 1, 1);
    KafkaIo.produceLines(kafka.clientConfig(), "rdesc-in", Corpus.generate(100, 7).lines());
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "rdesc-in", AclOperation.DESCRIBE);
    SecuredClients.allowPrefixed(kafka, "counter", ResourceType.GROUP, "rdesc-count", AclOperation.READ);
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "rdesc-out", AclOperation.WRITE,
        AclOperation.DESCRIBE);

    String error = Refusal.of("receiver, Describe but no Read on the input", err::text,
        () -> run(kafka.clientConfig("counter"), kafka, "rdesc"));

    // Checked before Spark starts (before, each start of the receiver was refused and the third ended the run).
    assertThat(error).isEqualTo("error: Not authorized to access topics: [rdesc-in] (check this user's Read ACL on"
        + " topic 'rdesc-in')");
    assertThat(KafkaIo.committed(kafka.clientConfig(), "rdesc-count").values()).allMatch(o -> o == 0L);
  }

  /** NAME-in (2 partitions, a corpus), NAME-out, and the ACLs the README lists for the receiver job. */
  private static Corpus securedTopics(LocalKafka kafka, String name) {
    kafka.createTopic(name + "-in", 2, 1);
    kafka.createTopic(name + "-out", 1, 1);
    Corpus corpus = Corpus.generate(600, 17);
    KafkaIo.produceLines(kafka.clientConfig(), name + "-in", corpus.lines());
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, name + "-in", AclOperation.READ,
        AclOperation.DESCRIBE);
    // The group and its companion NAME-count.counted, where the driver announces what it counted.
    SecuredClients.allowPrefixed(kafka, "counter", ResourceType.GROUP, name + "-count", AclOperation.READ);
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, name + "-out", AclOperation.WRITE,
        AclOperation.DESCRIBE);
    return corpus;
  }

  private int run(Map<String, String> client, LocalKafka kafka, String name) {
    Path file = SecuredClients.propertiesFile(dir.resolve(name + ".properties"), client);
    return runWith(List.of("--consumer.config", file.toString()), kafka, name);
  }

  private int runWith(List<String> settings, LocalKafka kafka, String name) {
    List<String> args = new ArrayList<>(List.of("--topic", name + "-in", "--group", name + "-count",
        "--from-beginning", "--output-topic", name + "-out", "--checkpoint-dir",
        dir.resolve(name + "-checkpoint").toString(), "--stop-when-idle", "3"));
    args.addAll(settings);
    return err.run(ReceiverApp::run, JobArgs.local(kafka.bootstrapServers(), args.toArray(new String[0])));
  }
}
