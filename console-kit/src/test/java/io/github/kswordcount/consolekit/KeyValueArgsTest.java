package io.github.kswordcount.consolekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValueArgsTest {

  @Test
  void splitsAtTheFirstEqualsAKeyAloneIsEmptyAndTheLastValueWins() {
    List<String> args = List.of("a=1", "b", "c=x=y", "a=2", "d=", "=e", "sep=\\t", "ключ=значение");
    assertThat(KeyValueArgs.parse(args))
        .containsExactly(Map.entry("a", "2"), Map.entry("b", ""), Map.entry("c", "x=y"), Map.entry("d", ""),
            Map.entry("", "e"), Map.entry("sep", "\\t"), Map.entry("ключ", "значение"));
  }

  @Test
  void aPairNeedsAKeyAndAnEqualsSign() {
    assertThat(KeyValueArgs.parsePair("k=")).isEqualTo(Map.entry("k", ""));
    assertThatThrownBy(() -> KeyValueArgs.parsePair("novalue"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("'novalue' is not a key=value pair");
    assertThatThrownBy(() -> KeyValueArgs.parsePair("=v"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("'=v' is not a key=value pair");
  }
}
