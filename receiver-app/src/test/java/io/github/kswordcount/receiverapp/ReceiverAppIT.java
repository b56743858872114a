package io.github.kswordcount.receiverapp;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.CapturedErr;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.testing.JobArgs;
import io.github.kswordcount.core.testing.WordTotals;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver job in this JVM against a real broker: exact totals with one and two receivers, transactional
 * input, topics found by pattern while running, fencing that gives up, refusals.
 */
@ExtendWith(LocalKafkaExtension.class)
class ReceiverAppIT {

  private final CapturedErr err = new CapturedErr();

  @TempDir Path checkpoints;

  /** No {@code --master} here: each test names its own (each receiver holds a core), or leaves the default. */
  private int run(LocalKafka kafka, String... args) {
    return err.run(ReceiverApp::run, JobArgs.withoutMaster(kafka.bootstrapServers(), args));
  }

  /**
   * A run that fails (its output topic refuses every write) after its receivers have read ahead, then a restart
   * from the same checkpoint in the same JVM, as a supervisor or a test restarts it: the restart counts every
   * record. It recovers the failed run's graph, whose ledger key is checkpointed, and the same batch times; before,
   * it found what the failed run had noted for them and announced it as counted, so its receivers committed records
   * nobody had counted (seen in ReceiverNodeFailureIT: 'zebra' 104 of 226).
   */
  @Test
  void aRestartInTheSameJvmAfterAFailedRunCountsEveryRecord(LocalKafka kafka) {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("again-in", 2, 1);
    // Smaller than any record batch: the broker refuses every write with MESSAGE_TOO_LARGE.
    kafka.createTopic("again-out", 1, 1, Map.of("max.message.bytes", "16"));
    Corpus corpus = Corpus.generate(4000, 13);
    KafkaIo.produceLines(bootstrap, "again-in", corpus.lines());
    String[] args = {"--topic", "again-in", "--group", "again", "--from-beginning", "--master", "local[2]",
        "--checkpoint-dir", checkpoints.resolve("again").toString(), "--output-topic", "again-out",
        "--max-rate", "1000", "--stop-when-idle", "4", "--kafka-timeout-seconds", "3"};

    assertThat(run(kafka, args)).as(err.text()).isEqualTo(1);
    KafkaIo.deleteTopicConfig(bootstrap, "again-out", "max.message.bytes");
    err.reset();
    assertThat(run(kafka, args)).as(err.text()).isZero();
    assertThat(WordTotals.noneBelow(KafkaIo.sumCounts(bootstrap, "again-out", "read_committed"), corpus.counts()))
        .isNotNegative();
    assertThat(KafkaIo.committed(bootstrap, "again")).isEqualTo(KafkaIo.endOffsets(bootstrap, "again-in", 2));
  }

  /**
   * With Spark's Kryo serializer, as many jobs set it: the receiver and its blocks are data to Spark, and Kryo 4
   * cannot take a Java record apart (old code: the receiver never started, and the job ran on with lag 3,000
   * and no error; {@code --max-batches} bounds the test).
   */
  @Test
  void oneReceiverWithTheWriteAheadLogAndKryoCountsExactly(LocalKafka kafka) {
    kafka.createTopic("one-in", 3, 1);
    kafka.createTopic("one-out", 1, 1);
    Corpus corpus = Corpus.generate(3000, 11);
    KafkaIo.produceLines(kafka.bootstrapServers(), "one-in", corpus.lines());

    int status = run(kafka, "--topic", "one-in", "--group", "one", "--from-beginning", "--master", "local[2]",
        "--checkpoint-dir", checkpoints.resolve("one").toString(), "--output-topic", "one-out",
        "--stop-when-idle", "4", "--max-batches", "40",
        "--spark-conf", "spark.serializer=org.apache.spark.serializer.KryoSerializer");

    assertThat(status).as(String.join("\n", err.lines())).isZero();
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "one-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "one"))
        .isEqualTo(KafkaIo.endOffsets(kafka.bootstrapServers(), "one-in", 3));
    assertThat(err.lines()).anyMatch(l -> l.startsWith("Receiving topics [one-in] ") && l.contains("write-ahead log on")
        && !l.contains("Spark UI")); // the UI is off here
    assertThat(err.lines()).anyMatch(l -> l.startsWith("summary ") && l.contains(" records=3000 "));

    // The same checkpoint with two receivers is another graph: refused before Spark starts, naming the change.
    err.reset();
    assertThat(run(kafka, "--topic", "one-in", "--group", "one", "--master", "local[3]", "--receivers", "2",
        "--checkpoint-dir", checkpoints.resolve("one").toString(), "--output-topic", "one-out")).isEqualTo(2);
    assertThat(err.lines()).hasSize(1);
    assertThat(err.lines().get(0)).startsWith("error: checkpoint directory '" + checkpoints.resolve("one")
        + "' belongs to another job: ").contains("receivers was 1, now 2");
  }

  @Test
  void twoReceiversInOneGroupShareThePartitionsAndCountExactly(LocalKafka kafka) {
    kafka.createTopic("two-in", 3, 1);
    kafka.createTopic("two-out", 1, 1);
    Corpus corpus = Corpus.generate(3000, 12);
    KafkaIo.produceLines(kafka.bootstrapServers(), "two-in", corpus.lines());

    int status = run(kafka, "--topic", "two-in", "--group", "two", "--from-beginning", "--master", "local[3]",
        "--receivers", "2", "--consumer-threads", "2", "--no-wal", "--output-topic", "two-out",
        "--stop-when-idle", "4");

    assertThat(status).as(String.join("\n", err.lines())).isZero();
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "two-out", "read_committed")).isEqualTo(corpus.counts());
    assertThat(err.lines()).anyMatch(l -> l.contains("2 receiver(s) x 2 thread(s), write-ahead log off"));
    assertThat(err.lines()).filteredOn(l -> l.startsWith("batch "))
        .allMatch(l -> l.matches(".* lag=(\\d+|\\?) receivers=0:\\d+/s,1:\\d+/s"));
  }

  @Test
  void aTopicWrittenWithTransactionsIsCountedAndTheJobStopsWhenIdleWithLagZero(LocalKafka kafka) throws Exception {
    kafka.createTopic("tx-in", 3, 1);
    kafka.createTopic("tx-out", 1, 1);
    Corpus committed = Corpus.generate(1500, 14);
    KafkaIo.produceInTransaction(kafka.bootstrapServers(), "tx-in", committed.lines(), true);
    KafkaIo.produceInTransaction(kafka.bootstrapServers(), "tx-in", List.of("aborted never counted"), false);
    KafkaIo.produceInTransaction(kafka.bootstrapServers(), "tx-in", List.of("last"), true);
    Map<String, Long> expected = new HashMap<>(committed.counts());
    expected.merge("last", 1L, Long::sum);

    // --max-batches only bounds the test: the job must stop on --stop-when-idle long before.
    int status = run(kafka, "--topic", "tx-in", "--group", "tx", "--from-beginning", "--master", "local[2]",
        "--checkpoint-dir", checkpoints.resolve("tx").toString(), "--output-topic", "tx-out",
        "--stop-when-idle", "3", "--max-batches", "45");

    assertThat(status).as(String.join("\n", err.lines())).isZero();
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "tx-out", "read_committed")).isEqualTo(expected);
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "tx"))
        .isEqualTo(KafkaIo.endOffsets(kafka.bootstrapServers(), "tx-in", 3));
    assertThat(err.lines()).contains("Stopping: stop condition met");
    assertThat(err.lines()).anyMatch(l -> l.startsWith("summary ") && l.contains(" lag=0 "));
    assertThat(err.lines()).filteredOn(l -> l.startsWith("batch ")).hasSizeLessThan(45);
  }

  @Test
  void includePicksUpATopicCreatedWhileTheJobRunsAndCountsWhatWasWrittenBeforeItWasFound(LocalKafka kafka)
      throws Exception {
    kafka.createTopic("rinc-a", 1, 1);
    kafka.createTopic("rinc-out", 1, 1);
    // Before the start, on a topic there at the start: skipped, as auto.offset.reset=latest says.
    KafkaIo.produceLines(kafka.bootstrapServers(), "rinc-a", List.of("before"));
    // --max-batches only bounds the test: the job must stop on --stop-when-idle long before.
    CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> run(kafka, "--include", "rinc-[a-z]",
        "--group", "rinc", "--master", "local[2]", "--no-wal", "--output-topic", "rinc-out",
        "--stop-when-idle", "8", "--max-batches", "60"));
    long foundMs;
    try {
      TopicPartition a = new TopicPartition("rinc-a", 0);
      await("the receiver assigned rinc-a")
          .atMost(Duration.ofSeconds(90)).pollInSameThread()
          .until(() -> KafkaIo.committed(kafka.bootstrapServers(), "rinc").containsKey(a));
      KafkaIo.produceLines(kafka.bootstrapServers(), "rinc-a", List.of("early"));
      await("early counted")
          .atMost(Duration.ofSeconds(30)).pollInSameThread()
          .until(() -> KafkaIo.committed(kafka.bootstrapServers(), "rinc").getOrDefault(a, 0L) == 2L);

      kafka.createTopic("rinc-b", 1, 1);
      KafkaIo.produceLines(kafka.bootstrapServers(), "rinc-b", List.of("late late"));
      long created = System.nanoTime();
      TopicPartition b = new TopicPartition("rinc-b", 0);
      await("rinc-b found and its record committed")
          .atMost(Duration.ofSeconds(20)).pollInSameThread()
          .until(() -> KafkaIo.committed(kafka.bootstrapServers(), "rinc").getOrDefault(b, 0L) == 1L);
      foundMs = (System.nanoTime() - created) / 1_000_000;
      System.err.println("rinc-b: its record committed " + foundMs + " ms after the topic was created");
    } finally {
      job.get(120, TimeUnit.SECONDS); // one SparkContext per JVM: the next test needs this one gone
    }

    assertThat(job.get()).as(String.join("\n", err.lines())).isZero();
    assertThat(foundMs).as("ms from creation to the record committed").isLessThan(10_000);
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "rinc-out", "read_committed"))
        .isEqualTo(Map.of("early", 1L, "late", 2L));
  }

  @Test
  void aReceiverFencedAgainAndAgainStopsTheJobWithOneError(LocalKafka kafka) throws Exception {
    kafka.createTopic("fence-in", 1, 1);
    KafkaIo.produceLines(kafka.bootstrapServers(), "fence-in", List.of("fenced"));
    // --max-batches only bounds the test: the job must give up long before.
    CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> run(kafka, "--topic", "fence-in",
        "--group", "fence", "--instance-id", "twin", "--master", "local[2]", "--no-wal", "--max-batches", "60"));
    // A second consumer with the receiver's static identity, as a second process with the same
    // --instance-id would be: whenever one of the two joins, the other is fenced.
    Map<String, Object> twin = new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "group.id", "fence", "group.instance.id", "fence-twin-receiver-0-0", "enable.auto.commit", "false",
        "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"));
    int fenced = 0;
    while (!job.isDone()) {
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(twin)) {
        consumer.subscribe(List.of("fence-in"));
        while (!job.isDone()) {
          consumer.poll(Duration.ofMillis(100));
        }
      } catch (FencedInstanceIdException e) {
        fenced++;
      }
    }

    assertThat(job.get(10, TimeUnit.SECONDS)).as(String.join("\n", err.lines())).isEqualTo(1);
    assertThat(fenced).isPositive();
    List<String> errors = err.lines().stream().filter(l -> l.startsWith("error:")).toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith("error: receiver 0 gave up after 3 failed starts in a row: ")
        .contains("FencedInstanceIdException").contains("'fence-twin-receiver-0-0'");
  }

  @Test
  void aLocalMasterWithNoCoreLeftForProcessingIsRefused(LocalKafka kafka) {
    assertThat(run(kafka, "--topic", "lab", "--master", "local[1]")).isEqualTo(2);
    assertThat(err.lines().get(0)).isEqualTo("error: --master local[1] gives 1 core(s) for 1 receiver(s): each "
        + "receiver holds a core, so nothing would be processed; use local[2] or more");
    assertThat(err.lines()).anyMatch(l -> l.startsWith("Usage: receiver-app"));
  }

  @Test
  void aTopicThatDoesNotExistIsAClearErrorAndIsNotCreated(LocalKafka kafka) {
    assertThat(run(kafka, "--topic", "no-such-topic", "--master", "local[2]")).isEqualTo(1);
    assertThat(err.lines()).containsExactly("error: topic 'no-such-topic' does not exist on "
        + kafka.bootstrapServers() + " (the job never creates topics: create it first)");
    assertThat(KafkaIo.inSyncReplicas(kafka.bootstrapServers(), "no-such-topic")).isEqualTo(-1);
  }

  @Test
  void badOptionsFailWithUsage(LocalKafka kafka) {
    assertThat(run(kafka, "--topic", "lab", "--receivers", "0")).isEqualTo(2);
    assertThat(err.lines().get(0)).isEqualTo("error: --receivers '0' is invalid: use a number >= 1");
  }
}
