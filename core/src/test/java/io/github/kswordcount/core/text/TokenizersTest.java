package io.github.kswordcount.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizersTest {

  private final Tokenizer whitespace = Tokenizers.whitespace();
  private final Tokenizer words = Tokenizers.words();

  @Test
  void whitespaceSplitsTheLabLineKeepingCaseAndPunctuation() {
    assertThat(whitespace.tokenize("Hi how are you?")).containsExactly("Hi", "how", "are", "you?");
  }

  @Test
  void whitespaceNeverYieldsEmptyTokensUnlikeSplitOnSpace() {
    assertThat(whitespace.tokenize("  a  b   ")).containsExactly("a", "b");
    assertThat("  a  b   ".split(" ")).contains(""); // what the lab's split(" ") did
  }

  @Test
  void whitespaceSeparatesAtTabsAndLineEnds() {
    assertThat(whitespace.tokenize("a\tb\r\nc\rd\ne\u000Bf\u000Cg")).containsExactly("a", "b", "c", "d", "e", "f", "g");
  }

  @Test
  void emptyAndBlankLinesAndNullHaveNoTokens() {
    for (Tokenizer t : List.of(whitespace, words)) {
      assertThat(t.tokenize("")).isEmpty();
      assertThat(t.tokenize(" \t\r\n ")).isEmpty();
      assertThat(t.tokenize(null)).isEmpty();
    }
  }

  @Test
  void noBreakSpacesAreNotWhitespaceInJavaSoTheyStayInsideAToken() {
    assertThat(whitespace.tokenize("a\u00A0b c\u2007d e\u202Ff")).containsExactly("a\u00A0b", "c\u2007d", "e\u202Ff");
    // Other Unicode spaces (em space, ideographic space) do separate.
    assertThat(whitespace.tokenize("a\u2003b\u3000c")).containsExactly("a", "b", "c");
  }

  @Test
  void whitespaceKeepsNonAsciiAndSupplementaryCharacters() {
    assertThat(whitespace.tokenize("Привет мир 😀 𝒜bc 日本語"))
        .containsExactly("Привет", "мир", "😀", "𝒜bc", "日本語");
  }

  @Test
  void wordsTakesLettersDigitsAndMarksLowercased() {
    assertThat(words.tokenize("Hi, how are you? I'm FINE -- 42 times!"))
        .containsExactly("hi", "how", "are", "you", "i'm", "fine", "42", "times");
  }

  @Test
  void wordsKeepsApostrophesOnlyBetweenLetters() {
    assertThat(words.tokenize("'tis rock'n'roll, the dogs' l’eau 90's o''k"))
        .containsExactly("tis", "rock'n'roll", "the", "dogs", "l’eau", "90", "s", "o", "k");
  }

  @Test
  void wordsKeepsCombiningMarksAndSplitsAtEverythingElse() {
    // "e" + U+0301 COMBINING ACUTE ACCENT stays one word; Cyrillic is lowercased.
    assertThat(words.tokenize("Cafe\u0301 ПРИВЕТ,мир 😀 𝒜bc naïve_x"))
        .containsExactly("cafe\u0301", "привет", "мир", "𝒜bc", "naïve", "x");
  }

  @Test
  void lowercasingUsesTheRootLocaleNotTheDefault() {
    // In a Turkish default locale "I".toLowerCase() is a dotless ı; Locale.ROOT gives "i".
    assertThat(Tokenizers.byName("whitespace", true).tokenize("TITLE Istanbul")).containsExactly("title", "istanbul");
    assertThat(words.tokenize("ISTANBUL")).containsExactly("istanbul");
  }

  @Test
  void byNameKnowsBothTokenizersAndRejectsOthersNamingThem() {
    assertThat(Tokenizers.byName("whitespace", false)).isSameAs(whitespace);
    assertThat(Tokenizers.byName("words", false)).isSameAs(words);
    assertThat(Tokenizers.byName("words", true)).isSameAs(words);
    assertThatThrownBy(() -> Tokenizers.byName("regex", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown tokenizer 'regex': use one of whitespace, words");
  }

  @Test
  void tokenizersSurviveJavaSerializationAsSparkClosuresNeed() throws Exception {
    for (Tokenizer t : List.of(whitespace, words, Tokenizers.lowercase(whitespace))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(t);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        Tokenizer copy = (Tokenizer) in.readObject();
        assertThat(copy.tokenize("A b\tC")).isEqualTo(t.tokenize("A b\tC"));
      }
    }
  }
}
