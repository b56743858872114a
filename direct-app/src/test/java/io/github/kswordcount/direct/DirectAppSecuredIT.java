package io.github.kswordcount.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.core.testing.CapturedErr;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.testing.JobArgs;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import io.github.kswordcount.localkafka.Refusal;
import io.github.kswordcount.localkafka.SecuredClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
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

  private final CapturedErr err = new CapturedErr();

  @Test
  void countsASecuredTopicIntoAnOutputTopicWithReadOnTopicAndGroupAndWriteOnTheOutput(LocalKafka kafka)
      throws Exception {
    Corpus corpus = securedTopics(kafka, "once");

    int status = run(kafka, "once");

    assertThat(status).as(err.text()).isZero();
    assertThat(KafkaIo.sumCounts(kafka.clientConfig(), "once-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(kafka.clientConfig(), "once-count"))
        .isEqualTo(KafkaIo.endOffsets(kafka.clientConfig(), "once-in", 2));
    assertThat(err.text()).doesNotContain("counter-secret");
  }

  @Test
  void exactlyOnceAlsoNeedsWriteOnTheTransactionalIdPrefix(LocalKafka kafka) throws Exception {
    Corpus corpus = securedTopics(kafka, "tx");
    SecuredClients.allowPrefixed(kafka, "counter", ResourceType.TRANSACTIONAL_ID, "wordcount-tx-",
        AclOperation.WRITE, AclOperation.DESCRIBE);

    // The security settings as --consumer-property, as Kafka's tools take them, rather than a file.
    int status = runWithProperties(kafka.clientConfig("counter"), kafka, "tx", "--exactly-once");

    assertThat(status).as(err.text()).isZero();
    assertThat(KafkaIo.sumCounts(kafka.clientConfig(), "tx-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(kafka.clientConfig(), "tx-count"))
        .isEqualTo(KafkaIo.endOffsets(kafka.clientConfig(), "tx-in", 2));
  }

  @Test
  void withoutWriteOnTheOutputTopicTheRunEndsWithOneErrorAndCommitsNothing(LocalKafka kafka) throws Exception {
    securedInput(kafka, "nowrite");
    kafka.createTopic("nowrite-out", 1, 1);
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "nowrite-out", AclOperation.DESCRIBE);

    String error = Refusal.of("no Write on the output", err::text, () -> run(kafka, "nowrite"));

    assertThat(error).isEqualTo("error: cannot write counts to topic 'nowrite-out': Not authorized to access topics:"
        + " [nowrite-out] (check this user's Write and Describe ACLs on topic 'nowrite-out')");
    assertNothingCommitted(kafka, "nowrite-count");
  }

  @Test
  void exactlyOnceWithoutWriteOnTheTransactionalIdEndsWithOneErrorAndCommitsNothing(LocalKafka kafka)
      throws Exception {
    securedTopics(kafka, "notx");

    String error =
        Refusal.of("no Write on the transactional id", err::text, () -> run(kafka, "notx", "--exactly-once"));

    assertThat(error).isEqualTo("error: cannot start the transactions of 'wordcount-tx-notx-count' for output topic"
        + " 'notx-out': Transactional Id authorization failed. (check the Write and Describe ACLs on transactional id"
        + " 'wordcount-tx-notx-count', or a prefix of it)");
    assertNothingCommitted(kafka, "notx-count");
  }

  @Test
  void aWrongPasswordIsOneErrorLine(LocalKafka kafka) throws Exception {
    securedTopics(kafka, "badpass");

    String error = Refusal.of("a wrong password", err::text,
        () -> runAs(SecuredClients.withPassword(kafka, "counter", "not-the-password"), kafka, "badpass"));

    assertThat(error).isEqualTo("error: cannot reach Kafka at " + kafka.bootstrapServers() + ": Authentication"
        + " failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256 (check the user"
        + " name and password in sasl.jaas.config, from --consumer.config or --consumer-property)");
    assertThat(err.text()).doesNotContain("not-the-password");
  }

  @Test
  void withoutReadOnTheInputTopicTheJobDoesNotStart(LocalKafka kafka) throws Exception {
    kafka.createTopic("noread-in", 2, 1);
    kafka.createTopic("noread-out", 1, 1);
    SecuredClients.allow(kafka, "counter", ResourceType.GROUP, "noread-count", AclOperation.READ);
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "noread-out", AclOperation.WRITE,
        AclOperation.DESCRIBE);

    String error = Refusal.of("no Read on the input", err::text, () -> run(kafka, "noread"));

    assertThat(error).isEqualTo("error: not authorized to describe topic 'noread-in' on " + kafka.bootstrapServers()
        + " (check this user's Read and Describe ACLs on the input topics, Write and Describe on the output topic)");
  }

  @Test
  void withDescribeButNoReadOnTheInputTopicTheRunEndsWithOneErrorAndCommitsNothing(LocalKafka kafka)
      throws Exception {
    kafka.createTopic("desconly-in", 2, 1);
    KafkaIo.produceLines(kafka.clientConfig(), "desconly-in", Corpus.generate(100, 5).lines());
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "desconly-in", AclOperation.DESCRIBE);
    SecuredClients.allow(kafka, "counter", ResourceType.GROUP, "desconly-count", AclOperation.READ);
    kafka.createTopic("desconly-out", 1, 1);
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "desconly-out", AclOperation.WRITE,
        AclOperation.DESCRIBE);

    String error = Refusal.of("Describe but no Read on the input", err::text, () -> run(kafka, "desconly"));

    assertThat(error).isEqualTo("error: Not authorized to access topics: [desconly-in] (check this user's Read ACL on"
        + " topic 'desconly-in')");
    assertNothingCommitted(kafka, "desconly-count");
  }

  @Test
  void withoutReadOnTheGroupTheRunEndsWithOneErrorAndCommitsNothing(LocalKafka kafka) throws Exception {
    kafka.createTopic("nogroup-in", 2, 1);
    KafkaIo.produceLines(kafka.clientConfig(), "nogroup-in", Corpus.generate(100, 3).lines());
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "nogroup-in", AclOperation.READ,
        AclOperation.DESCRIBE);
    kafka.createTopic("nogroup-out", 1, 1);
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, "nogroup-out", AclOperation.WRITE,
        AclOperation.DESCRIBE);

    String error = Refusal.of("no Read on the group", err::text, () -> run(kafka, "nogroup"));

    assertThat(error).isEqualTo("error: Not authorized to access group: nogroup-count (check this user's Read ACL on"
        + " group 'nogroup-count')");
    assertNothingCommitted(kafka, "nogroup-count");
  }

  /**
   * The fat jar as users run it, so its whole stderr is seen, log4j's lines included (the tests above run the job
   * in this JVM and see only the lines the job prints): a secured run at the default log level prints no secret
   * and no stack trace, and neither does a refused login.
   */
  @Test
  void theFatJarsWholeStderrHoldsNoSecretAndNoStackTraceRightOrWrongPassword(LocalKafka kafka) throws Exception {
    Corpus corpus = securedTopics(kafka, "proc");
    Path right = SecuredClients.propertiesFile(dir.resolve("right.properties"), kafka.clientConfig("counter"));
    Path wrong = SecuredClients.propertiesFile(dir.resolve("wrong.properties"),
        SecuredClients.withPassword(kafka, "counter", "not-the-password"));
    for (Path settings : List.of(right, wrong)) {
      try (JavaTool.Running app = JavaTool.app(Path.of("target", "direct-app.jar")).start("--bootstrap-server",
          kafka.bootstrapServers(), "--topic", "proc-in", "--group", "proc-count", "--from-beginning",
          "--output-topic", "proc-out", "--batch-seconds", "1", "--print", "0", "--stop-when-idle", "2",
          "--spark-conf", "spark.ui.enabled=false", "--consumer.config", settings.toString())) {
        int status = app.awaitExit(Duration.ofSeconds(120));
        List<String> stderr = app.stderrLines();
        assertThat(status).as(String.join("\n", stderr)).isEqualTo(settings == right ? 0 : 1);
        assertThat(stderr).noneMatch(l -> l.contains("counter-secret") || l.contains("not-the-password"))
            .noneMatch(l -> l.startsWith("\tat "));
        assertThat(stderr.stream().filter(l -> l.startsWith("error: ")).count()).isEqualTo(settings == right ? 0 : 1);
      }
    }
    assertThat(KafkaIo.sumCounts(kafka.clientConfig(), "proc-out", "read_committed")).isEqualTo(corpus.counts());
  }

  private static void assertNothingCommitted(LocalKafka kafka, String group) {
    assertThat(KafkaIo.committed(kafka.clientConfig(), group).values()).as("nothing committed past the start")
        .allMatch(o -> o == 0L);
  }

  /** NAME-in (2 partitions, a corpus written as the super user) and the user's Read on it and its group. */
  private Corpus securedInput(LocalKafka kafka, String name) throws Exception {
    kafka.createTopic(name + "-in", 2, 1);
    Corpus corpus = Corpus.generate(600, 13);
    KafkaIo.produceLines(kafka.clientConfig(), name + "-in", corpus.lines());
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, name + "-in", AclOperation.READ, AclOperation.DESCRIBE);
    SecuredClients.allow(kafka, "counter", ResourceType.GROUP, name + "-count", AclOperation.READ);
    return corpus;
  }

  /** NAME-in (2 partitions, a corpus written as the super user) and NAME-out, and the user's ACLs on them. */
  private Corpus securedTopics(LocalKafka kafka, String name) throws Exception {
    Corpus corpus = securedInput(kafka, name);
    kafka.createTopic(name + "-out", 1, 1);
    SecuredClients.allow(kafka, "counter", ResourceType.TOPIC, name + "-out", AclOperation.WRITE,
        AclOperation.DESCRIBE);
    return corpus;
  }

  private int run(LocalKafka kafka, String name, String... extra) {
    return runAs(kafka.clientConfig("counter"), kafka, name, extra);
  }

  private int runAs(Map<String, String> client, LocalKafka kafka, String name, String... extra) {
    Path counter = SecuredClients.propertiesFile(dir.resolve("counter.properties"), client);
    return runWith(List.of("--consumer.config", counter.toString()), kafka, name, extra);
  }

  private int runWithProperties(Map<String, String> client, LocalKafka kafka, String name, String... extra) {
    List<String> properties = new ArrayList<>();
    client.forEach((key, value) -> properties.addAll(List.of("--consumer-property", key + "=" + value)));
    return runWith(properties, kafka, name, extra);
  }

  private int runWith(List<String> settings, LocalKafka kafka, String name, String... extra) {
    List<String> args = new ArrayList<>(List.of("--topic", name + "-in", "--group", name + "-count",
        "--from-beginning", "--output-topic", name + "-out", "--stop-when-idle", "2"));
    args.addAll(settings);
    args.addAll(List.of(extra));
    return err.run(DirectApp::run, JobArgs.local(kafka.bootstrapServers(), args.toArray(new String[0])));
  }
}
