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
 * (KIP-848) exact across a restart. As processes under KIP-848's static membership: {@link ReceiverStaticMembersKafka4IT}.
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
}
