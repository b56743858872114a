package io.github.kswordcount.localkafka;

import static org.awaitility.Awaitility.await;
import static io.github.kswordcount.localkafka.KafkaIo.TIMEOUT;
import static io.github.kswordcount.localkafka.KafkaIo.readText;
import static io.github.kswordcount.localkafka.KafkaIo.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaMainIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void servesUntilStoppedThenRestartsOnTheSameDataDirWithItsRecords(@TempDir Path dataDir) throws Exception {
    int port = freePort();
    String[] args = {"--port", Integer.toString(port), "--data-dir", dataDir.toString(), "--topic", "lab:2"};
    String bootstrap = "127.0.0.1:" + port;

    try (Server first = Server.start(args, out, err)) {
      assertThat(first.awaitReadyLine()).isEqualTo("Kafka is ready at " + bootstrap + "\n");
      try (KafkaConsumer<String, String> consumer = KafkaIo.consumer(bootstrap)) {
        assertThat(consumer.partitionsFor("lab", TIMEOUT)).extracting(PartitionInfo::partition)
            .containsExactlyInAnyOrder(0, 1);
      }
      send(bootstrap, List.of(new ProducerRecord<>("lab", 1, "k", "kept across restarts")));
      assertThat(first.stop()).isZero();
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

    out.reset();
    try (Server second = Server.start(args, out, err)) {
      assertThat(second.awaitReadyLine()).isEqualTo("Kafka is ready at " + bootstrap + "\n");
      assertThat(readText(bootstrap, "lab")).extracting(ConsumerRecord::partition, ConsumerRecord::value)
          .containsExactly(tuple(1, "kept across restarts"));
      assertThat(second.stop()).isZero();
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void servesSecuredWithAReadyLineThatSaysHowToConnectAndNoPassword(@TempDir Path dataDir) throws Exception {
    int port = freePort();
    String[] args = {"--port", Integer.toString(port), "--data-dir", dataDir.toString(),
        "--user", "admin:admin-secret", "--user", "alice:alice-secret"};

    try (Server server = Server.start(args, out, err)) {
      assertThat(server.awaitReadyLine()).isEqualTo("Kafka is ready at 127.0.0.1:" + port
          + " (security.protocol=SASL_PLAINTEXT, sasl.mechanism=SCRAM-SHA-256 or SCRAM-SHA-512;"
          + " users admin (super user), alice; client properties: see --help)\n");
      Map<String, Object> alice = Map.of("bootstrap.servers", "127.0.0.1:" + port,
          "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\""
              + " password=\"alice-secret\";");
      try (Admin admin = Admin.create(alice)) {
        assertThat(admin.listTopics().names().get()).isEmpty();
      }
      assertThat(server.stop()).isZero();
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("admin-secret", "alice-secret");
  }

  @Test
  void reportsAPortInUseInOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      int code = run("--port", Integer.toString(port));

      assertThat(code).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .isEqualTo("error: port " + port + " on 127.0.0.1 is already in use\n");
      assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
  }

  @Test
  void reportsADataDirThatCannotBeCreatedInOneLine(@TempDir Path tmp) throws IOException {
    // Under a regular file no directory can ever be made, even by root (chmod would not stop root).
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory", StandardCharsets.UTF_8);
    Path dataDir = file.resolve("data");

    int code = run("--port", "0", "--data-dir", dataDir.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("error: data directory '" + dataDir + "' cannot be created or written\n");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private int run(String... args) {
    return LocalKafkaMain.run(args, utf8(out), utf8(err), new CountDownLatch(1));
  }

  private static PrintStream utf8(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  /** LocalKafkaMain.run on its own thread, as the jar runs it, stopped through its stop signal. */
  private static final class Server implements AutoCloseable {
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final ByteArrayOutputStream out;
    private final CompletableFuture<Integer> exitCode;

    private Server(String[] args, ByteArrayOutputStream out, ByteArrayOutputStream err) {
      this.out = out;
      this.exitCode = CompletableFuture.supplyAsync(
          () -> LocalKafkaMain.run(args, utf8(out), utf8(err), stopSignal));
    }

    static Server start(String[] args, ByteArrayOutputStream out, ByteArrayOutputStream err) {
      return new Server(args, out, err);
    }

    String awaitReadyLine() {
      await("the ready line or an exit")
          .atMost(TIMEOUT).pollInSameThread()
          .until(() -> out.toString(StandardCharsets.UTF_8).endsWith("\n") || exitCode.isDone());
      return out.toString(StandardCharsets.UTF_8);
    }

    int stop() throws Exception {
      stopSignal.countDown();
      return exitCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      // Stops the broker even when an assertion failed before stop().
      stop();
    }
  }
}
