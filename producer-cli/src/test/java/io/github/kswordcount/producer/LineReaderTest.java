package io.github.kswordcount.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  private static final String T = "t";

  @Test
  void sendsEachLineWholeByDefaultWithEmptyLinesAsEmptyValues() {
    assertThat(RecordsRead.ours("Hi how are you?\n\nПривет\r\nlast", props()))
        .isEqualTo(new RecordsRead(List.of("t|<null>|Hi how are you?|[]", "t|<null>||[]", "t|<null>|Привет|[]",
            "t|<null>|last|[]"), null));
  }

  @Test
  void splitsTheKeyAtTheFirstSeparatorAndKeepsTheRestAsValue() {
    assertThat(RecordsRead.ours("k1\tv1\tmore\n\tempty key\n", props("parse.key", "true")).records())
        .containsExactly("t|k1|v1\tmore|[]", "t||empty key|[]");
    assertThat(RecordsRead.ours("a::b::c\n", props("parse.key", "true", "key.separator", "::")).records())
        .containsExactly("t|a|b::c|[]");
  }

  @Test
  void aLineWithoutKeySeparatorStopsWithItsLineNumber() {
    assertThat(RecordsRead.ours("k\tv\nno separator\nk2\tv2\n", props("parse.key", "true")))
        .isEqualTo(new RecordsRead(List.of("t|k|v|[]"), "No key separator found on line number 2: 'no separator'"));
    assertThat(RecordsRead.ours("\n", props("parse.key", "true")).error())
        .isEqualTo("No key separator found on line number 1: ''");
  }

  @Test
  void ignoreErrorSendsAMalformedLineWithNullKeyAndNoHeaders() {
    assertThat(RecordsRead.ours("no separator\n", props("parse.key", "true", "ignore.error", "TRUE ")).records())
        .containsExactly("t|<null>|no separator|[]");
    assertThat(RecordsRead.ours("no delimiter\n", props("parse.headers", "true", "ignore.error", "true")).records())
        .containsExactly("t|<null>|no delimiter|[]");
    assertThat(RecordsRead.ours("h\tv\n", props("parse.headers", "true", "ignore.error", "true")).records())
        .containsExactly("t|<null>|v|[h=<null>]");
  }

  @Test
  void parsesHeadersThenKeyThenValue() {
    Map<String, String> props = props("parse.headers", "true", "parse.key", "true");
    assertThat(RecordsRead.ours("h1:v1,h2:v2\tkey\tvalue\n", props).records())
        .containsExactly("t|key|value|[h1=v1,h2=v2]");
    assertThat(RecordsRead.ours("h1:a:b\tk\tv\n", props).records()).containsExactly("t|k|v|[h1=a:b]");
  }

  @Test
  void headerErrorsNameThePairAndLine() {
    Map<String, String> props = props("parse.headers", "true");
    assertThat(RecordsRead.ours("ok\n", props).error()).isEqualTo("No headers delimiter found on line number 1: 'ok'");
    assertThat(RecordsRead.ours("h1:v1\tx\nh2\tv\n", props).error())
        .isEqualTo("No header key separator found in pair 'h2' on line number 2");
    assertThat(RecordsRead.ours("\tv\n", props).error())
        .isEqualTo("No header key separator found in pair '' on line number 1");
  }

  @Test
  void customSeparatorsWithTheHeaderSeparatorAsRegex() {
    Map<String, String> props = props("parse.headers", "true", "parse.key", "true", "headers.delimiter", "|",
        "headers.separator", ";+", "headers.key.separator", "=", "key.separator", "->");
    assertThat(RecordsRead.ours("a=1;;b=2|k->v\n", props).records()).containsExactly("t|k|v|[a=1,b=2]");
  }

  @Test
  void nullMarkerNullsKeyValueHeaderValueAndTheWholeHeaderBlock() {
    Map<String, String> props = props("parse.headers", "true", "parse.key", "true", "null.marker", "NULL");
    assertThat(RecordsRead.ours("h:NULL\tNULL\tNULL\nNULL\tk\tv\nh:x\tk\tNULLx\n", props).records())
        .containsExactly("t|<null>|<null>|[h=<null>]", "t|k|v|[]", "t|k|NULLx|[h=x]");
    assertThat(RecordsRead.ours("NULL\n", props("null.marker", "NULL")).records())
        .containsExactly("t|<null>|<null>|[]");
    assertThat(RecordsRead.ours("NULL:v\tk\tv\n", props).error())
        .isEqualTo("Header keys should not be equal to the null marker 'NULL' as they can't be null");
  }

  @Test
  void theTopicPropertyChoosesTheTopic() {
    Map<String, String> props = props();
    props.put("topic", "other");
    assertThat(RecordsRead.ours("x", props).records()).containsExactly("other|<null>|x|[]");
  }

  @Test
  void promptsBeforeEachReadIncludingTheLast() throws IOException {
    ByteArrayOutputStream prompt = new ByteArrayOutputStream();
    LineReader reader = new LineReader(new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)),
        LineFormat.plain(T), new PrintStream(prompt, true, StandardCharsets.UTF_8));
    List<String> values = new ArrayList<>();
    while (reader.next() != null) {
      values.add(Long.toString(reader.position()));
    }
    assertThat(values).containsExactly("1", "2");
    assertThat(prompt.toString(StandardCharsets.UTF_8)).isEqualTo(">>>");
  }

  static Map<String, String> props(String... pairs) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("topic", T);
    for (int i = 0; i < pairs.length; i += 2) {
      props.put(pairs[i], pairs[i + 1]);
    }
    return props;
  }
}
