package io.github.kswordcount.producer;

import static io.github.kswordcount.producer.LineReaderTest.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineFormatTest {

  @Test
  void hasKafkasDefaults() {
    assertThat(LineFormat.fromProperties(props()))
        .isEqualTo(new LineFormat("t", false, "\t", false, "\t", ",", ":", false, null));
    assertThat(LineFormat.plain("t").isPlain()).isTrue();
  }

  @Test
  void readsBooleansTrimmedAndCaseInsensitiveAnythingElseIsFalse() {
    LineFormat format = LineFormat.fromProperties(props("parse.key", " True ", "parse.headers", "yes",
        "ignore.error", "TRUE"));
    assertThat(format.parseKey()).isTrue();
    assertThat(format.parseHeaders()).isFalse();
    assertThat(format.ignoreError()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "headers.delimiter|,|headers.delimiter and headers.separator may not be equal",
      "headers.delimiter|:|headers.delimiter and headers.key.separator may not be equal",
      "headers.separator|:|headers.separator and headers.key.separator may not be equal",
      "null.marker|,|null.marker and headers.separator may not be equal",
      "null.marker|:|null.marker and headers.key.separator may not be equal"})
  void refusesEqualSeparatorsWithKafkasMessage(String key, String value, String message) {
    assertThatThrownBy(() -> LineFormat.fromProperties(props(key, value))).hasMessage(message);
  }

  @Test
  void refusesANullMarkerEqualToATabSeparator() {
    // Both key.separator and headers.delimiter default to tab; Kafka checks key.separator first.
    assertThatThrownBy(() -> LineFormat.fromProperties(props("null.marker", "\t")))
        .hasMessage("null.marker and key.separator may not be equal");
    assertThatThrownBy(() -> LineFormat.fromProperties(props("null.marker", "|", "headers.delimiter", "|")))
        .hasMessage("null.marker and headers.delimiter may not be equal");
  }

  @Test
  void refusesAHeadersSeparatorThatIsNotARegularExpression() {
    assertThatThrownBy(() -> LineFormat.fromProperties(props("headers.separator", "(")))
        .hasMessageStartingWith("headers.separator '(' is not a regular expression");
  }
}
