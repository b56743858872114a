package io.github.kswordcount.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.count.WordCounts;
import io.github.kswordcount.core.testkit.StreamingTestKit;
import io.github.kswordcount.core.text.Tokenizers;
import java.util.List;
import java.util.Map;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.junit.jupiter.api.Test;

/**
 * A team's own transformation, unit-tested with core's test kit: batches in, each batch's output compared
 * exactly, on a manual clock, checkpointing on (a closure that cannot be serialized fails here).
 */
class OwnTransformationTest {

  /** The team's transformation: counts of (lowercased) words of at least four letters. */
  static JavaPairDStream<String, Long> longWords(JavaDStream<String> lines) {
    return WordCounts.perBatch(lines, Tokenizers.words()).filter(p -> p._1().length() >= 4);
  }

  @Test
  void countsOnlyLongWordsPerBatch() {
    try (StreamingTestKit kit = StreamingTestKit.start()) {
      List<Map<String, Long>> out = kit.runPairs(
          List.of(List.of("Kafka and Spark", "KAFKA is fast"), List.of(), List.of("Мир и мир")),
          OwnTransformationTest::longWords);
      assertThat(out).containsExactly(Map.of("kafka", 2L, "spark", 1L, "fast", 1L), Map.of(), Map.of());
    }
  }
}
