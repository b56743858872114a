package io.github.kswordcount.core.internal.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class BatchPrinterTest {

  private static final String RULE = "-------------------------------------------\n";

  @Test
  void printsSparksPrintLayoutWithAllPairsWhenTheyFit() {
    byte[] out = BatchPrinter.format(1732470000000L, List.of(pair("you", 2), pair("Hi", 1)), 10);
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(
        RULE + "Time: 1732470000000 ms\n" + RULE + "(you,2)\n(Hi,1)\n\n");
  }

  @Test
  void printsAnEllipsisLineWhenThereAreMorePairsThanNum() {
    byte[] out = BatchPrinter.format(2000L, List.of(pair("a", 3), pair("b", 2), pair("c", 1)), 2);
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(
        RULE + "Time: 2000 ms\n" + RULE + "(a,3)\n(b,2)\n...\n\n");
  }

  @Test
  void anEmptyBatchPrintsTheHeaderAndAnEmptyLine() {
    assertThat(new String(BatchPrinter.format(0L, List.of(), 10), StandardCharsets.UTF_8))
        .isEqualTo(RULE + "Time: 0 ms\n" + RULE + "\n");
  }

  @Test
  void writesUtf8BytesForNonAsciiWords() {
    byte[] out = BatchPrinter.format(5L, List.of(pair("мир", 1)), 1);
    byte[] expected = (RULE + "Time: 5 ms\n" + RULE + "(мир,1)\n\n").getBytes(StandardCharsets.UTF_8);
    assertThat(out).isEqualTo(expected);
  }

  @Test
  void ordersByCountDescendingThenWord() {
    List<Tuple2<String, Long>> pairs = new ArrayList<>(
        List.of(pair("b", 1), pair("c", 5), pair("a", 1), pair("B", 1), pair("d", 5)));
    pairs.sort(BatchPrinter.ORDER);
    assertThat(pairs).containsExactly(pair("c", 5), pair("d", 5), pair("B", 1), pair("a", 1), pair("b", 1));
  }

  private static Tuple2<String, Long> pair(String word, long count) {
    return new Tuple2<>(word, count);
  }
}
