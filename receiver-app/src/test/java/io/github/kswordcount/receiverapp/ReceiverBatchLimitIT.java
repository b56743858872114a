package io.github.kswordcount.receiverapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.testing.CapturedErr;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.core.testing.JobArgs;
import io.github.kswordcount.core.testing.ProgressLines;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --max-batches N} outputs exactly N batches and the receivers commit exactly what those batches counted;
 * what was received after them is read again by the next run, which counts every record once. Each line's
 * {@code lag=} is the lag after its batch's commit (before, the lag before it: the batch's own records still
 * counted).
 */
@ExtendWith(LocalKafkaExtension.class)
class ReceiverBatchLimitIT {

  private final CapturedErr err = new CapturedErr();

  @TempDir Path checkpoints;

  private int run(LocalKafka kafka, String... args) {
    return err.run(ReceiverApp::run, JobArgs.local(kafka.bootstrapServers(), args));
  }

  /** As {@link #run}, with 5 s batches (the checkpoint keeps the interval: both runs of a checkpoint use it). */
  private int runSlowBatches(LocalKafka kafka, String... args) {
    List<String> all = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(), "--master",
        "local[2]", "--batch-seconds", "5", "--print", "0", "--spark-conf", "spark.ui.enabled=false"));
    all.addAll(List.of(args));
    return err.run(ReceiverApp::run, all.toArray(String[]::new));
  }

  private List<Long> batchRecords() {
    return ProgressLines.recordsPerBatch(err.lines());
  }

  @Test
  void maxBatchesOutputsThatManyAndCommitsWhatTheyCountedANextRunCountsTheRestOnce(LocalKafka kafka) {
    kafka.createTopic("rlimit-in", 1, 1);
    kafka.createTopic("rlimit-out", 1, 1);
    Corpus corpus = Corpus.generate(3000, 21);
    KafkaIo.produceLines(kafka.bootstrapServers(), "rlimit-in", corpus.lines());
    String checkpoint = checkpoints.resolve("rlimit").toString();

    // 5 s batches: the three must hold records also when the receiver takes seconds to start (beside a busy loop on
    // each core, three 1 s batches once passed empty); 150 records/s keeps them short of the 3,000.
    assertThat(runSlowBatches(kafka, "--topic", "rlimit-in", "--group", "rlimit", "--from-beginning",
        "--checkpoint-dir", checkpoint, "--output-topic", "rlimit-out", "--max-rate", "150", "--max-batches", "3"))
        .as(err.text()).isZero();

    List<Long> records = batchRecords();
    assertThat(records).as(err.text()).hasSize(3);
    long counted = records.stream().mapToLong(Long::longValue).sum();
    assertThat(counted).as(err.text()).isPositive().isLessThan(3000);
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "rlimit").get(new TopicPartition("rlimit-in", 0)))
        .as(err.text()).isEqualTo(counted);
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "rlimit-out", "read_committed")).as(err.text())
        .isEqualTo(Corpus.countOf(corpus.lines().subList(0, (int) counted)));
    assertThat(ProgressLines.lagPerBatch(err.lines())).as(err.text()).isEqualTo(lagsAfterEachCommit(3000, records));
    assertThat(ProgressLines.summaryLag(err.lines())).as(err.text()).isEqualTo(3000 - counted);

    err.reset();
    assertThat(runSlowBatches(kafka, "--topic", "rlimit-in", "--group", "rlimit", "--checkpoint-dir", checkpoint,
        "--output-topic", "rlimit-out", "--stop-when-idle", "2", "--max-batches", "60")).as(err.text()).isZero();
    assertThat(KafkaIo.sumCounts(kafka.bootstrapServers(), "rlimit-out", "read_committed")).as(err.text())
        .isEqualTo(corpus.counts());
    assertThat(KafkaIo.committed(kafka.bootstrapServers(), "rlimit"))
        .isEqualTo(KafkaIo.endOffsets(kafka.bootstrapServers(), "rlimit-in", 1));
    assertThat(ProgressLines.lagPerBatch(err.lines())).as(err.text())
        .isEqualTo(lagsAfterEachCommit(3000 - counted, batchRecords()));
    assertThat(ProgressLines.summaryLag(err.lines())).as(err.text()).isZero();
  }

  /**
   * The lag each line shows, after its batch's commit: what was left before the run minus what the run's batches
   * had counted up to and including that one (the whole input was written before the run).
   */
  private static List<Long> lagsAfterEachCommit(long left, List<Long> records) {
    List<Long> lags = new ArrayList<>();
    long remaining = left;
    for (long batch : records) {
      remaining -= batch;
      lags.add(remaining);
    }
    return lags;
  }
}
