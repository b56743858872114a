package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code topics} command against a real broker: what it prints, exit codes, and its errors. */
@ExtendWith(LocalKafkaExtension.class)
class TopicsCommandIT {

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int topics(String... args) {
    outBytes.reset();
    errBytes.reset();
    return LocalKafkaMain.run(prepend("topics", args), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8), new java.util.concurrent.CountDownLatch(0));
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void createsListsDescribesAndDeletesLikeKafkaTopics(LocalKafka kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    assertThat(topics("--bootstrap-server", bootstrap, "--create", "--topic", "lab", "--partitions", "2",
        "--replication-factor", "1", "--config", "retention.ms=86400000")).isZero();
    assertThat(out()).isEqualTo("Created topic lab.\n");

    assertThat(topics("--bootstrap-server", bootstrap, "--create", "--topic", "lab")).isEqualTo(1);
    assertThat(err()).isEqualTo("error: Topic 'lab' already exists.\n");
    assertThat(topics("--bootstrap-server", bootstrap, "--create", "--topic", "lab", "--if-not-exists")).isZero();
    assertThat(out()).isEmpty();

    assertThat(topics("--bootstrap-server", bootstrap, "--create", "--topic", "lab-b")).isZero();
    assertThat(topics("--bootstrap-server", bootstrap, "--list", "--exclude-internal")).isZero();
    assertThat(out()).isEqualTo("lab\nlab-b\n");
    assertThat(topics("--bootstrap-server", bootstrap, "--list", "--topic", "lab-.*")).isZero();
    assertThat(out()).isEqualTo("lab-b\n");

    Uuid id;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      id = admin.describeTopics(List.of("lab")).allTopicNames().get().get("lab").topicId();
    }
    assertThat(topics("--bootstrap-server", bootstrap, "--describe", "--topic", "lab")).isZero();
    assertThat(out()).isEqualTo("Topic: lab\tTopicId: " + id + "\tPartitionCount: 2\tReplicationFactor: 1"
        + "\tConfigs: retention.ms=86400000\n"
        + "\tTopic: lab\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0\tElr: \tLastKnownElr: \n"
        + "\tTopic: lab\tPartition: 1\tLeader: 0\tReplicas: 0\tIsr: 0\tElr: \tLastKnownElr: \n");

    assertThat(topics("--bootstrap-server", bootstrap, "--delete", "--topic", "lab-b")).isZero();
    assertThat(topics("--bootstrap-server", bootstrap, "--list", "--exclude-internal")).isZero();
    assertThat(out()).isEqualTo("lab\n");
    assertThat(topics("--bootstrap-server", bootstrap, "--delete", "--topic", "nope")).isEqualTo(1);
    assertThat(err()).isEqualTo("error: Topic 'nope' does not exist as expected\n");
    assertThat(topics("--bootstrap-server", bootstrap, "--delete", "--topic", "nope", "--if-exists")).isZero();
  }

  @Test
  void badCommandLinesAreOneLineAndExitTwo() {
    assertThat(topics("--bootstrap-server", "h:1")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: give exactly one of --create, --list, --describe, --delete: see topics --help\n");
    assertThat(topics("--bootstrap-server", "h:1", "--create")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: --create needs --topic: see topics --help\n");
    assertThat(topics("--bootstrap-server", "h:1", "--create", "--topic", "t", "--partitions", "0")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: --partitions '0' is invalid: use a number >= 1: see topics --help\n");
    assertThat(topics("--bootstrap-server", "h:1", "--create", "--topic", "t", "--config", "x")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: --config 'x' is invalid: use key=value: see topics --help\n");
    assertThat(topics("--list")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: --bootstrap-server is required: see topics --help\n");
  }
}
