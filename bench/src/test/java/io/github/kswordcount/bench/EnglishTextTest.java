package io.github.kswordcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnglishTextTest {

  @Test
  void theVocabularyStartsWithTheCommonestWordsAndHasNoDuplicates() {
    List<String> words = Vocabulary.words(EnglishText.VOCABULARY_SIZE, 42);
    assertThat(words).hasSize(3000).startsWith("the", "of", "and", "to", "a", "in");
    assertThat(new HashSet<>(words)).hasSize(3000);
    assertThat(words).allMatch(word -> word.matches("[A-Za-z]+"));
  }

  @Test
  void theSameSeedGivesTheSameLines() {
    EnglishText first = new EnglishText(42);
    EnglishText second = new EnglishText(42);
    for (int i = 0; i < 100; i++) {
      assertThat(first.nextLine()).isEqualTo(second.nextLine());
    }
    assertThat(new EnglishText(7).nextLine()).isNotEqualTo(new EnglishText(42).nextLine());
  }

  @Test
  void linesHave8To14WordsSeparatedBySingleSpaces() {
    EnglishText text = new EnglishText(42);
    for (int i = 0; i < 1_000; i++) {
      String line = text.nextLine();
      assertThat(line.split(" ", -1)).hasSizeBetween(8, 14).doesNotContain("");
    }
  }

  @Test
  void aFileOfTenThousandLinesIsAbout62BytesALine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("lines.txt");
    long bytes = EnglishText.write(file, 10_000, 42);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(10_000);
    assertThat(bytes).isEqualTo(Files.size(file));
    assertThat((double) bytes / lines.size()).isBetween(56.0, 68.0);
    assertThat(Arrays.stream(lines.get(0).split(" ")).allMatch(w -> !w.isEmpty())).isTrue();
    assertThat(EnglishText.write(dir.resolve("again.txt"), 10_000, 42)).isEqualTo(bytes);
    assertThat(Files.mismatch(file, dir.resolve("again.txt"))).isEqualTo(-1L);
  }
}
