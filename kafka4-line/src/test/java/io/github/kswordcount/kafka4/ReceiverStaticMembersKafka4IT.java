package io.github.kswordcount.kafka4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.KafkaIo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Receiver-app processes sharing one group under KIP-848's static membership ({@code group.protocol=consumer}), where
 * a second member with a {@code group.instance.id} in use is refused ({@code UnreleasedInstanceIdException}) instead
 * of fencing the first, as the classic protocol does, and a member killed without leaving holds its id until its
 * session ends. A class of its own, so that the test JVMs share the module's work evenly.
 */
@ExtendWith(Kafka4Extension.class)
class ReceiverStaticMembersKafka4IT {
  private static final Duration RUN_BOUND = Duration.ofSeconds(120);
  private static final Path JAR = Path.of("..", "receiver-app", "target", "receiver-app.jar");
  private static final Pattern RECORDS = Pattern.compile("^summary .*? records=(\\d+) ");
  private static final String KIP_848 = "group.protocol=consumer";

  /**
   * Two processes with their own {@code --instance-id} share the group; a third with the first's, started while the
   * first runs, is refused by the group coordinator at each start and gives up after the grace (the broker's session
   * and 15 s: a crashed member's id is held until its session ends); then the first is SIGKILLed while idle and started again at
   * once with its instance id: refused until the dead member's session ends, it then takes its id and its share back
   * and counts the lines that follow, nothing counted twice, nothing lost.
   */
  @Test
  void underKip848TwoProcessesShareTheGroupATwinIsRefusedAndAKilledOneRestartedTakesItsIdBack(Kafka4Broker kafka) {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("r4-procs-in", 4);
    kafka.createTopic("r4-procs-out", 1);
    Corpus all = Corpus.generate(6000, 45);
    KafkaIo.produceLines(bootstrap, "r4-procs-in", all.slice(0, 4000).lines());
    Duration grace = Duration.ofSeconds(Kafka4Broker.SESSION_SECONDS + 15);

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
        // Not before the grace a crashed member's session needs to end: a restart after a crash meets the same
        // refusal.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(grace);
        assertThat(twinErrors).singleElement().asString()
            .startsWith("error: receiver 0 gave up after ")
            .contains(" failed starts in a row over " + grace.toSeconds() + " s: UnreleasedInstanceIdException: ")
            .endsWith("(another consumer of group 'r4-procs' uses group.instance.id 'r4-procs-one-receiver-0-0')");
      }
      // Killed only now, so that the first held its instance id all the time the twin tried it; idle, so nothing
      // of what it read is left uncommitted.
      awaitEveryRecordCommitted(bootstrap);
      System.err.println("one counted " + records(one.stderrLines()) + " records before its kill");
      String dead = memberOf(kafka, "one").memberId();
      one.kill();
      one.awaitExit(RUN_BOUND);
      long restarted = System.nanoTime();
      try (JavaTool.Running again = JavaTool.app(JAR).start(processArgs(bootstrap, "one"))) {
        await("the restarted one back in the group with a share of the partitions").atMost(RUN_BOUND)
            .pollInSameThread().until(() -> {
              Kafka4Broker.Member member = memberOf(kafka, "one");
              return again.process().isAlive() && member != null && !member.memberId().equals(dead)
                  && member.partitions() > 0;
            });
        System.err.printf("the restarted one took its id back %d ms after its start%n",
            (System.nanoTime() - restarted) / 1_000_000);
        KafkaIo.produceLines(bootstrap, "r4-procs-in", all.slice(4000, 6000).lines());
        awaitEveryRecordCommitted(bootstrap);
        again.terminate();
        two.terminate();
        int againStatus = again.awaitExit(RUN_BOUND);
        int twoStatus = two.awaitExit(RUN_BOUND);
        String both = "again:\n" + again.stderrSoFar() + "\ntwo:\n" + two.stderrSoFar();
        System.err.println("after the restart: again counted " + records(again.stderrLines()) + ", two "
            + records(two.stderrLines()) + " records in all");
        assertThat(againStatus).as(both).isZero();
        assertThat(twoStatus).as(both).isZero();
        assertThat(again.stderrLines()).as(both).noneMatch(l -> l.startsWith("error:"));
        // Exact: the kill came while idle, so neither the restart nor the survivor counted anything twice.
        assertThat(KafkaIo.sumCounts(bootstrap, "r4-procs-out", "read_committed")).as(both)
            .isEqualTo(all.counts());
        assertThat(records(again.stderrLines())).as(both).isPositive();
      }
    }
  }

  /** The member of group r4-procs started with {@code --instance-id instance}, or null. */
  private static Kafka4Broker.Member memberOf(Kafka4Broker kafka, String instance) {
    return kafka.members("r4-procs").stream().filter(m -> m.instanceId().equals("r4-procs-" + instance + "-receiver-0-0"))
        .findFirst().orElse(null);
  }

  private static void awaitEveryRecordCommitted(String bootstrap) {
    await("every record counted and committed").atMost(RUN_BOUND).pollInSameThread()
        .until(() -> KafkaIo.committed(bootstrap, "r4-procs").equals(KafkaIo.endOffsets(bootstrap, "r4-procs-in", 4)));
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
