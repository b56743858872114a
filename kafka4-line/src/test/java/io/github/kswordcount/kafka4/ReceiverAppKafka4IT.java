package io.github.kswordcount.kafka4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.receiverapp.ReceiverApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.GroupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver job against a Kafka 4 broker: exact with the classic protocol; with {@code group.protocol=consumer}
 * (KIP-848) exact across a restart, and as processes sharing one group under KIP-848's static membership, where a
 * second member with a {@code group.instance.id} in use is refused ({@code UnreleasedInstanceIdException}) instead of
 * fencing the first, as the classic protocol does.
 */
@ExtendWith(Kafka4Extension.class)
class ReceiverAppKafka4IT {

  private static final Duration RUN_BOUND = Duration.ofSeconds(120);
  private static final Path JAR = Path.of("..", "receiver-app", "target", "receiver-app.jar");
  private static final Pattern RECORDS = Pattern.compile("^summary .*? records=(\\d+) ");
  private static final String KIP_848 = "group.protocol=consumer";

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @TempDir Path checkpoints;

  private int run(Kafka4Broker kafka, String... args) {
    List<String> all = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(), "--master", "local[2]",
        "--batch-seconds", "1", "--print", "0", "--spark-conf", "spark.ui.enabled=false", "--stop-when-idle", "3"));
    all.addAll(List.of(args));
    CompletableFuture<Integer> job =
        CompletableFuture.supplyAsync(() -> ReceiverApp.run(all.toArray(String[]::new), err));
    assertThat(job).as(errText()).succeedsWithin(RUN_BOUND);
    return job.join();
  }

  private String errText() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void countsExactlyWithTheClassicProtocol(Kafka4Broker kafka) {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("r4-in", 3);
    kafka.createTopic("r4-out", 1);
    Corpus corpus = Corpus.generate(3000, 43);
    KafkaIo.produceLines(bootstrap, "r4-in", corpus.lines());

    assertThat(run(kafka, "--topic", "r4-in", "--group", "r4", "--from-beginning", "--output-topic", "r4-out",
        "--checkpoint-dir", checkpoints.resolve("r4").toString())).as(errText()).isZero();

    assertThat(KafkaIo.sumCounts(bootstrap, "r4-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(bootstrap, "r4")).isEqualTo(KafkaIo.endOffsets(bootstrap, "r4-in", 3));
    assertThat(kafka.groupType("r4")).isEqualTo(GroupType.CLASSIC);
  }

  /** The restart's static members take their partitions back under KIP-848 (they left with epoch -2 at the stop). */
  @Test
  void withGroupProtocolConsumerARestartNeitherRecountsNorLoses(Kafka4Broker kafka) {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("r4-848-in", 3);
    kafka.createTopic("r4-848-out", 1);
    Corpus corpus = Corpus.generate(3000, 44);
    String[] args = {"--topic", "r4-848-in", "--group", "r4-848", "--from-beginning", "--output-topic", "r4-848-out",
        "--checkpoint-dir", checkpoints.resolve("r4-848").toString(), "--consumer-property", KIP_848};

    KafkaIo.produceLines(bootstrap, "r4-848-in", corpus.slice(0, 1800).lines());
    assertThat(run(kafka, args)).as(errText()).isZero();
    assertThat(KafkaIo.sumCounts(bootstrap, "r4-848-out", "read_committed")).isEqualTo(corpus.slice(0, 1800).counts());
    assertThat(kafka.groupType("r4-848")).isEqualTo(GroupType.CONSUMER);

    KafkaIo.produceLines(bootstrap, "r4-848-in", corpus.slice(1800, 3000).lines());
    errBytes.reset();
    assertThat(run(kafka, args)).as(errText()).isZero();
    assertThat(KafkaIo.sumCounts(bootstrap, "r4-848-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(bootstrap, "r4-848")).isEqualTo(KafkaIo.endOffsets(bootstrap, "r4-848-in", 3));
    assertThat(errText().lines()).anyMatch(l -> l.startsWith("summary ") && l.contains(" records=1200 "));
  }

  /**
   * Two processes with their own {@code --instance-id} share the group and count exactly; a third started with the
   * first one's, while the first runs, is refused by the group coordinator at each start, and gives up once refused
   * for 60 s (a crashed member's id is held until its session ends, 45 s by default).
   */
  @Test
  void underKip848TwoProcessesShareTheGroupExactlyAndOneWithAnInstanceIdInUseIsRefused(Kafka4Broker kafka) {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("r4-procs-in", 4);
    kafka.createTopic("r4-procs-out", 1);
    Corpus corpus = Corpus.generate(4000, 45);
    KafkaIo.produceLines(bootstrap, "r4-procs-in", corpus.lines());

    try (JavaTool.Running one = JavaTool.app(JAR).start(processArgs(bootstrap, "one"));
        JavaTool.Running two = JavaTool.app(JAR).start(processArgs(bootstrap, "two"))) {
      one.awaitStderr("a batch with records", RUN_BOUND,
          lines -> lines.stream().anyMatch(l -> l.startsWith("batch ") && !l.contains(" records=0 ")));
      try (JavaTool.Running twin = JavaTool.app(JAR).start(processArgs(bootstrap, "one"))) {
        long started = System.nanoTime();
        int twinStatus = twin.awaitExit(RUN_BOUND);
        System.err.printf("the twin ended with %d %d ms after its start%n", twinStatus,
            (System.nanoTime() - started) / 1_000_000);
        List<String> twinErrors = twin.stderrLines().stream().filter(l -> l.startsWith("error:")).toList();
        assertThat(twinStatus).as(twin.stderrSoFar()).isEqualTo(1);
        // Not before the grace a crashed member's session needs to end: a restart after a crash meets the same refusal.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(twinErrors).singleElement().asString()
            .startsWith("error: receiver 0 gave up after ")
            .contains(" failed starts in a row over 60 s: UnreleasedInstanceIdException: ")
            .endsWith("(another consumer of group 'r4-procs' uses group.instance.id 'r4-procs-one-receiver-0-0')");
      }
      // Stopped only now, so that the first held its instance id all the time the third tried it.
      await("every record counted and committed").atMost(RUN_BOUND).pollInSameThread()
          .until(() -> KafkaIo.committed(bootstrap, "r4-procs")
              .equals(KafkaIo.endOffsets(bootstrap, "r4-procs-in", 4)));
      one.terminate();
      two.terminate();
      int oneStatus = one.awaitExit(RUN_BOUND);
      int twoStatus = two.awaitExit(RUN_BOUND);
      String both = "one:\n" + one.stderrSoFar() + "\ntwo:\n" + two.stderrSoFar();
      System.err.println("one and two counted " + records(one.stderrLines()) + " and " + records(two.stderrLines())
          + " records");
      assertThat(oneStatus).as(both).isZero();
      assertThat(twoStatus).as(both).isZero();
      assertThat(KafkaIo.sumCounts(bootstrap, "r4-procs-out", "read_committed")).as(both).isEqualTo(corpus.counts());
      assertThat(KafkaIo.committed(bootstrap, "r4-procs")).isEqualTo(KafkaIo.endOffsets(bootstrap, "r4-procs-in", 4));
      // Each took a share, and no record was read twice.
      assertThat(records(one.stderrLines())).as(both).isPositive();
      assertThat(records(two.stderrLines())).as(both).isPositive();
      assertThat(records(one.stderrLines()) + records(two.stderrLines())).as(both).isEqualTo(4000);
    }
  }

  /**
   * Without a write-ahead log, so no checkpoint directory (whose lock would refuse the twin first); stopped by the
   * test (SIGTERM), not when idle.
   */
  private static String[] processArgs(String bootstrap, String instance) {
    return new String[] {"--bootstrap-server", bootstrap, "--topic", "r4-procs-in", "--group", "r4-procs",
        "--from-beginning", "--output-topic", "r4-procs-out", "--batch-seconds", "1", "--max-rate", "300",
        "--master", "local[2]", "--print", "0", "--spark-conf", "spark.ui.enabled=false", "--no-wal", "--instance-id", instance, "--consumer-property", KIP_848};
  }

  private static long records(List<String> log) {
    return log.stream().map(RECORDS::matcher).filter(Matcher::find).mapToLong(m -> Long.parseLong(m.group(1)))
        .findFirst().orElse(-1);
  }

}
