package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * local-kafka.jar as a user runs it, 3 nodes, started on a new data dir, stopped, started again and stopped:
 * its whole stderr holds no WARN or ERROR line, since nothing went wrong (before: a controller-activation WARN at
 * the first start, and at each stop a WARN, an ERROR and a stack trace from the last controller's raft client).
 */
class LocalKafkaQuietIT {
  @TempDir Path dir;

  @Test
  void threeNodesStartAndStopTwiceWithoutAWarning() throws Exception {
    for (int round = 0; round < 2; round++) {
      Path out = dir.resolve("out-" + round);
      Path err = dir.resolve("err-" + round);
      Process broker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
          Path.of("target", "local-kafka.jar").toString(), "--port", "0", "--nodes", "3", "--data-dir",
          dir.resolve("data").toString()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      try {
        await("the ready line, or the broker's end").atMost(Duration.ofSeconds(120)).pollInSameThread()
            .until(() -> Files.readString(out).startsWith("Kafka is ready at ") || !broker.isAlive());
        assertThat(Files.readString(out)).as(Files.readString(err)).startsWith("Kafka is ready at ");
        broker.destroy(); // SIGTERM, as Ctrl-C
        assertThat(broker.waitFor(60, TimeUnit.SECONDS)).isTrue();
      } finally {
        broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      List<String> stderr = Files.readAllLines(err, StandardCharsets.UTF_8);
      assertThat(stderr).as(String.join("\n", stderr))
          .noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.startsWith("\tat ")
              || l.startsWith("error:"));
      assertThat(broker.exitValue()).as(String.join("\n", stderr)).isZero();
    }
  }
}
