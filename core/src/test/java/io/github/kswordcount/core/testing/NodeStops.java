package io.github.kswordcount.core.testing;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.LocalKafka;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Two of three nodes stopped under a running job (node 0 the only controller, so the quorum outlives them), and
 * what the job must say about it: {@code stalled} lines while its batch waits, then one {@code error:} line.
 */
public final class NodeStops {

  /**
   * How a job ended after the second stop.
   *
   * @param exit its exit status
   * @param afterMs how long after the second node was stopped
   * @param stderr its stderr lines
   */
  public record Ended(int exit, long afterMs, List<String> stderr) {}

  private NodeStops() {}

  /**
   * Once the job has counted two batches, stops node 1; once it has counted two more on the two nodes left,
   * stops node 2; then waits for the job to end (within 120 s).
   *
   * @param kafka three nodes, node 0 the only controller
   * @param stderr the job's stderr lines so far
   * @param job the running job's exit status
   * @return how it ended
   * @throws Exception when the job does not end in time or fails to run
   */
  public static Ended stopOneThenASecond(LocalKafka kafka, Supplier<List<String>> stderr,
      CompletableFuture<Integer> job) throws Exception {
    await("two batches with records")
        .atMost(Duration.ofSeconds(90)).pollInSameThread()
        .until(() -> ProgressLines.batchesWithRecords(stderr.get()) >= 2);
    kafka.stopNode(1);
    long before = ProgressLines.batchesWithRecords(stderr.get());
    await("two batches with records on two nodes")
        .atMost(Duration.ofSeconds(60)).pollInSameThread()
        .until(() -> ProgressLines.batchesWithRecords(stderr.get()) >= before + 2);
    long stopping = System.nanoTime();
    kafka.stopNode(2);
    int exit = job.get(120, TimeUnit.SECONDS);
    return new Ended(exit, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping), stderr.get());
  }

  /**
   * Asserts what a job says when it stalls for want of in-sync replicas: exit 1; at least one {@code stalled}
   * line before the error, each matching {@code stalled}; exactly one {@code error:} line; no {@code stalled} line
   * after it (the error has said why).
   *
   * @param ended how the job ended
   * @param stalled the regular expression every {@code stalled batch} line matches
   * @return the error line, for the caller's exact assertions
   */
  public static String assertStalledThenOneError(Ended ended, String stalled) {
    List<String> lines = ended.stderr();
    assertThat(ended.exit()).as(String.join("\n", lines)).isEqualTo(1);
    List<String> errors = lines.stream().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).as(String.join("\n", lines)).hasSize(1);
    int error = lines.indexOf(errors.get(0));
    assertThat(lines.subList(0, error).stream().filter(l -> l.startsWith("stalled batch ")).toList())
        .isNotEmpty().allMatch(l -> l.matches(stalled));
    assertThat(lines.subList(error, lines.size())).noneMatch(l -> l.startsWith("stalled batch "));
    return errors.get(0);
  }
}
