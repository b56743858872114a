package io.github.kswordcount.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.kswordcount.core.DirectWordCount;
import io.github.kswordcount.core.WordCountRun;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.text.Tokenizers;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker is down while Spark starts the direct stream, as when a job starts during a rolling restart: the
 * start waits for it and the run counts exactly. Through core's builder, so the outage falls exactly between
 * {@code build()} and the stream's start (the job's own checks before the start wait for Kafka already).
 */
class DirectStartOutageIT {
  /** A broker of its own: the test stops and starts it. */
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> { });

  /** How long the broker stays down: a broker's restart, as the outage was tried by hand. */
  private static final Duration OUTAGE = Duration.ofSeconds(8);

  // Failed before the start retried its topic listing: run.start() threw "Timeout expired while fetching topic
  // metadata" about 5 s into the outage, and the job ended.
  @Test
  void aBrokerDownWhileSparkStartsTheStreamIsWaitedForAndTheRunCountsExactly(LocalKafka kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("starting-in", 2, 1);
    kafka.createTopic("starting-out", 1, 1);
    Corpus corpus = Corpus.generate(2000, 51);
    KafkaIo.produceLines(bootstrap, "starting-in", corpus.lines());
    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("start-outage").set("spark.ui.enabled", "false");

    try (WordCountRun run = DirectWordCount.builder().bootstrapServers(bootstrap).topics("starting-in")
        .group("starting").fromBeginning(true).tokenizer(Tokenizers.whitespace()).toTopic("starting-out")
        .spark(conf, Duration.ofSeconds(1)).build()) {
      kafka.stopNode(0);
      CompletableFuture<Void> started = CompletableFuture.runAsync(run::start);
      // The whole outage long, the start neither returns nor fails: it waits.
      await("the start waiting out the outage").during(OUTAGE).atMost(OUTAGE.plusSeconds(5))
          .until(() -> !started.isDone());
      kafka.startNode(0);
      started.get(90, TimeUnit.SECONDS);
      await("every record committed").atMost(Duration.ofSeconds(90)).pollInSameThread()
          .until(() -> KafkaIo.committed(bootstrap, "starting")
              .equals(KafkaIo.endOffsets(bootstrap, "starting-in", 2)));
      assertThat(run.failure()).isNull();
      run.stop();
    }
    assertThat(KafkaIo.sumCounts(bootstrap, "starting-out", "read_committed")).isEqualTo(corpus.counts());
  }

  /** Exactly once: down while {@code build()} runs {@code initTransactions}, and still while the stream starts. */
  @Test
  void exactlyOnceWaitsOutABrokerDownDuringInitTransactionsAndCountsEveryRecordOnce(LocalKafka kafka)
      throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("eo-starting-in", 2, 1);
    kafka.createTopic("eo-starting-out", 1, 1);
    Corpus corpus = Corpus.generate(2000, 52);
    KafkaIo.produceLines(bootstrap, "eo-starting-in", corpus.lines());
    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("eo-start-outage")
        .set("spark.ui.enabled", "false");

    kafka.stopNode(0);
    CompletableFuture<WordCountRun> built = CompletableFuture.supplyAsync(() -> {
      WordCountRun run = DirectWordCount.builder().bootstrapServers(bootstrap).topics("eo-starting-in")
          .group("eo-starting").fromBeginning(true).tokenizer(Tokenizers.whitespace()).toTopic("eo-starting-out")
          .exactlyOnce().spark(conf, Duration.ofSeconds(1)).build();
      run.start();
      return run;
    });
    await("initTransactions waiting out the outage").during(OUTAGE).atMost(OUTAGE.plusSeconds(5))
        .until(() -> !built.isDone());
    kafka.startNode(0);
    try (WordCountRun run = built.get(120, TimeUnit.SECONDS)) {
      await("every record committed").atMost(Duration.ofSeconds(90)).pollInSameThread()
          .until(() -> KafkaIo.committed(bootstrap, "eo-starting")
              .equals(KafkaIo.endOffsets(bootstrap, "eo-starting-in", 2)));
      assertThat(run.failure()).isNull();
      run.stop();
    }
    assertThat(KafkaIo.sumCounts(bootstrap, "eo-starting-out", "read_committed")).isEqualTo(corpus.counts());
  }
}
