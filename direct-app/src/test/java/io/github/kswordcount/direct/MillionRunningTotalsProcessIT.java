package io.github.kswordcount.direct;

import static io.github.kswordcount.direct.DirectAppProcessIT.RULE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct job's fat jar with a million running totals in a fixed heap, across a restart from the checkpoint. A
 * class of its own (it is the module's longest test), so that the module's two test JVMs share the work evenly.
 */
@ExtendWith(LocalKafkaExtension.class)
class MillionRunningTotalsProcessIT {
  private static final Path JAR = Path.of("target", "direct-app.jar");
  private static final int MILLION = 1_000_000;
  private static final int WORDS_A_LINE = 100;
  /**
   * The smallest round heap in which a million running totals pass with margin (at most about 590 MiB live). 512m
   * passes too, at the limit: 509 MiB live after a full GC, and each idle batch recomputes the state (2-8 s).
   */
  private static final String MILLION_HEAP = "-Xmx768m";

  @TempDir Path dir;

  /**
   * A million distinct words with running totals, then the same million again after a restart from the
   * checkpoint, each run in the same fixed heap: the state is the distinct words, not every record read (issue
   * 11). Each batch prints the totals it updated, so an idle batch prints none instead of scanning the state.
   */
  @Test
  void aMillionDistinctWordsWithRunningTotalsRunInAFixedHeapAndRestartFromTheCheckpoint(LocalKafka kafka)
      throws Exception {
    kafka.createTopic("million-in", 2, 1);
    kafka.createTopic("million-out", 1, 1);
    List<String> words = IntStream.range(0, MILLION).mapToObj(i -> String.format(Locale.ROOT, "w%07d", i)).toList();
    // 100 distinct words a line: the state is what grows, not the records (10,000 of them, quicker to write and read).
    List<String> lines = IntStream.range(0, MILLION / WORDS_A_LINE)
        .mapToObj(i -> String.join(" ", words.subList(i * WORDS_A_LINE, (i + 1) * WORDS_A_LINE))).toList();
    String records = " records=" + lines.size() + " ";
    String[] args = {"--bootstrap-server", kafka.bootstrapServers(), "--topic", "million-in", "--group", "million",
        "--from-beginning", "--running-totals", "--checkpoint-dir", dir.resolve("checkpoint").toString(),
        "--output-topic", "million-out", "--stop-when-idle", "2", "--spark-conf", "spark.ui.enabled=false"};

    for (long total = 1; total <= 2; total++) {
      KafkaIo.produceLines(kafka.bootstrapServers(), "million-in", lines);
      try (JavaTool.Running app = JavaTool.app(JAR).jvmOptions(List.of(MILLION_HEAP)).start(args)) {
        assertThat(app.awaitExit(Duration.ofSeconds(120))).as(String.join("\n", app.stderrLines())).isZero();
        List<String> stderr = app.stderrLines();
        assertThat(stderr.stream().filter(l -> l.startsWith("summary ")).findFirst().orElseThrow())
            .contains(records).contains(" words=1000000 ");
        List<String> counted = stderr.stream().filter(l -> l.startsWith("batch ") && !l.contains(" records=0 "))
            .toList();
        assertThat(counted).hasSize(1).allMatch(l -> l.contains(records) && l.contains(" distinct=1000000 "));
        String countedTime = counted.get(0).replaceAll("^batch time=(\\d+) .*", "$1");
        assertThat(app.stdout()).contains("Time: " + countedTime + " ms\n")
            .isEqualTo(printedTotals(app.stdout(), countedTime, total));
      }
      Map<String, Long> last = KafkaIo.lastCounts(kafka.bootstrapServers(), "million-out", "read_committed");
      long expected = total;
      assertThat(last.size()).as("distinct words in the output").isEqualTo(MILLION);
      assertThat(words.stream().filter(w -> last.getOrDefault(w, 0L) != expected).limit(5).toList())
          .as("words whose last total is not " + expected).isEmpty();
      assertThat(KafkaIo.committed(kafka.bootstrapServers(), "million"))
          .isEqualTo(KafkaIo.endOffsets(kafka.bootstrapServers(), "million-in", 2));
    }
  }

  /**
   * What {@code --running-totals} prints for each batch printed: for the batch that counted the records, the first
   * ten of the totals it updated (all equal here, so in word order); for every other batch, none.
   */
  private static String printedTotals(String stdout, String countedTime, long total) {
    StringBuilder out = new StringBuilder();
    Matcher times = Pattern.compile("(?m)^Time: (\\d+) ms$").matcher(stdout);
    while (times.find()) {
      out.append(RULE).append("\nTime: ").append(times.group(1)).append(" ms\n").append(RULE).append('\n');
      if (times.group(1).equals(countedTime)) {
        for (int i = 0; i < 10; i++) {
          out.append(String.format(Locale.ROOT, "(w%07d,%d)\n", i, total));
        }
        out.append("...\n");
      }
      out.append('\n');
    }
    return out.toString();
  }
}
