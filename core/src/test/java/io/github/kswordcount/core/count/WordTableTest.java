package io.github.kswordcount.core.count;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.text.Tokenizer;
import io.github.kswordcount.core.text.Tokenizers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class WordTableTest {

  private static Map<String, Long> asMap(WordTable table) {
    Map<String, Long> counts = new HashMap<>();
    for (Tuple2<String, Long> pair : table.pairs()) {
      assertThat(counts.put(pair._1(), pair._2())).as("one pair per word: " + pair._1()).isNull();
    }
    assertThat(counts).hasSize(table.size());
    return counts;
  }

  @Test
  void countsRangesOfALineAsTheirWords() {
    WordTable table = new WordTable();
    Tokenizers.whitespace().forEachTokenRange("to be or not to be", table);
    assertThat(asMap(table)).containsExactlyInAnyOrderEntriesOf(Map.of("to", 2L, "be", 2L, "or", 1L, "not", 1L));
  }

  @Test
  void wordsWithTheSameStringHashStayApart() {
    // "Aa" and "BB" have the same String.hashCode, and so have "AaAa", "AaBB", "BBAa" and "BBBB".
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    WordTable table = new WordTable();
    Tokenizers.whitespace().forEachTokenRange("Aa BB AaAa AaBB BBAa BBBB BB Aa Aa", table);
    assertThat(asMap(table)).containsExactlyInAnyOrderEntriesOf(
        Map.of("Aa", 3L, "BB", 2L, "AaAa", 1L, "AaBB", 1L, "BBAa", 1L, "BBBB", 1L));
  }

  @Test
  void aHundredThousandDistinctWordsCountAsAHashMapCountsThem() {
    Random random = new Random(7);
    Map<String, Long> expected = new HashMap<>();
    WordTable table = new WordTable();
    Tokenizer whitespace = Tokenizers.whitespace();
    for (int line = 0; line < 20_000; line++) {
      StringBuilder text = new StringBuilder(" ");
      for (int w = 0; w < 12; w++) {
        // Zipf-like: most words are few and frequent, the rest spread over 100,000.
        String word = "w" + (random.nextBoolean() ? random.nextInt(50) : random.nextInt(100_000)) + "é";
        expected.merge(word, 1L, Long::sum);
        text.append(word).append(w % 3 == 0 ? "\t" : "  ");
      }
      whitespace.forEachTokenRange(text.toString(), table);
    }
    assertThat(asMap(table)).isEqualTo(expected);
  }

  @Test
  void aLineLongerThanTheCopiedCharsSoFarIsCountedWhole() {
    // 400 words of 1 to 3 chars: 1,200 chars and more, beyond the 256 chars copied at first.
    StringBuilder line = new StringBuilder();
    Map<String, Long> expected = new java.util.HashMap<>();
    for (int i = 0; i < 400; i++) {
      String word = Integer.toString(i % 150);
      line.append(word).append(' ');
      expected.merge(word, 1L, Long::sum);
    }
    WordTable table = new WordTable();
    Tokenizers.whitespace().forEachTokenRange("short line", table);
    Tokenizers.whitespace().forEachTokenRange(line.toString(), table);
    expected.merge("short", 1L, Long::sum);
    expected.merge("line", 1L, Long::sum);
    assertThat(asMap(table)).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void addTakesACountAndAWholeString() {
    WordTable table = new WordTable();
    table.add("kafka", 0, 5, 40);
    table.add("spark kafka", 6, 11, 2);
    table.add("spark kafka", 0, 5, 1);
    assertThat(asMap(table)).containsExactlyInAnyOrderEntriesOf(Map.of("kafka", 42L, "spark", 1L));
    assertThat(table.pairs()).extracting(Tuple2::_1).containsExactly("kafka", "spark");
  }

  @Test
  void aTokenizerWithoutRangesPassesEachTokenWhole() {
    WordTable table = new WordTable();
    Tokenizers.words().forEachTokenRange("Don't stop, don't!", table);
    assertThat(asMap(table)).containsExactlyInAnyOrderEntriesOf(Map.of("don't", 2L, "stop", 1L));
    assertThat(List.of(Tokenizers.words().tokenize("Don't stop"))).containsExactly(List.of("don't", "stop"));
  }
}
