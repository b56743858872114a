package io.github.kswordcount.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueExtractorTest {

  private final RecordDecoding decoding = RecordDecoding.detached();

  @Test
  void utf8DecodesTextAndCountsNothing() {
    assertThat(ValueExtractor.utf8().extract(bytes("Hi мир 😀"), decoding)).isEqualTo("Hi мир 😀");
    assertThat(ValueExtractor.utf8().extract(new byte[0], decoding)).isEmpty();
    assertThat(decoding.skipped()).isZero();
    assertThat(decoding.replaced()).isZero();
  }

  @Test
  void aTombstoneIsSkippedAndCounted() {
    assertThat(ValueExtractor.utf8().extract(null, decoding)).isNull();
    assertThat(decoding.skipped()).isEqualTo(1);
  }

  @Test
  void invalidUtf8IsReplacedAndCounted() {
    byte[] value = {'a', ' ', (byte) 0xC3, ' ', (byte) 0xFF, 'b'};
    assertThat(ValueExtractor.utf8().extract(value, decoding)).isEqualTo("a \uFFFD \uFFFDb");
    assertThat(decoding.replaced()).isEqualTo(1);
    assertThat(decoding.skipped()).isZero();
  }

  @Test
  void aGenuineReplacementCharacterIsNotCountedAsReplaced() {
    assertThat(ValueExtractor.utf8().extract(bytes("x \uFFFD y"), decoding)).isEqualTo("x \uFFFD y");
    assertThat(decoding.replaced()).isZero();
  }

  @Test
  void jsonFieldTakesAStringFieldOrTheTextOfAScalar() {
    ValueExtractor text = ValueExtractor.jsonField("text");
    assertThat(text.extract(bytes("{\"id\":1,\"nested\":{\"text\":\"no\"},\"text\":\"Hi мир\"}"), decoding))
        .isEqualTo("Hi мир");
    assertThat(text.extract(bytes("{\"text\":42}"), decoding)).isEqualTo("42");
    assertThat(text.extract(bytes("{\"text\":true}"), decoding)).isEqualTo("true");
    assertThat(decoding.skipped()).isZero();
  }

  @Test
  void jsonWithoutTheFieldOrNotJsonIsSkippedAndCounted() {
    ValueExtractor text = ValueExtractor.jsonField("text");
    String[] bad = {"{\"other\":\"x\"}", "{\"text\":null}", "{\"text\":{\"a\":1}}", "{\"text\":[1]}",
        "[\"text\"]", "\"text\"", "not json", "{\"text\":", ""};
    for (String value : bad) {
      assertThat(text.extract(bytes(value), decoding)).as(value).isNull();
    }
    assertThat(text.extract(null, decoding)).isNull();
    assertThat(text.extract(new byte[] {'{', '"', 't', '"', ':', (byte) 0xFF, '}'}, decoding)).isNull();
    assertThat(decoding.skipped()).isEqualTo(bad.length + 2);
  }

  @Test
  void nullCountersAreAllowed() {
    assertThat(ValueExtractor.utf8().extract(null, null)).isNull();
    assertThat(ValueExtractor.jsonField("a").extract(bytes("{}"), null)).isNull();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
