package io.github.kswordcount.producer;

import static io.github.kswordcount.producer.LineReaderTest.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Our line reader against Kafka 3.9.2's {@code LineMessageReader} itself: same records, same first error. */
class LineReaderParityTest {

  private static final List<String> INPUTS = List.of(
      "plain\nlines\n",
      "\n\n\nx\n",
      "Unicode: Привет мир, 日本語, 😀\r\nCRLF line\r\nlone CR\rlast without newline",
      "key\tvalue\nkey2\tvalue\twith tab\n\tempty key\n",
      "k::v\nk2::v2::v3\n",
      "h1:v1,h2:v2\tkey\tvalue\n",
      "h1:v1\tvalue only\n",
      "NULL\tNULL\tNULL\nh:NULL\tk\tNULL\n",
      "no separator at all\nsecond\tline\n",
      "h1:v1,broken\tk\tv\n",
      "\tk\tv\n",
      "a=1;b=2|k|v\n",
      "d:1,a:x,d:2,d:3\tk\tv\n",
      "NULL:x\tk\tv\n",
      "h:NULL,NULL:y\tk\tv\n");

  private static final List<Map<String, String>> PROPERTIES = List.of(
      props(),
      props("parse.key", "true"),
      props("parse.key", "true", "key.separator", "::"),
      props("parse.headers", "true"),
      props("parse.headers", "true", "parse.key", "true"),
      props("parse.headers", "true", "parse.key", "true", "ignore.error", "true"),
      props("parse.key", "true", "ignore.error", "true"),
      props("parse.headers", "true", "parse.key", "true", "null.marker", "NULL"),
      props("null.marker", "NULL"),
      props("parse.headers", "true", "parse.key", "true", "headers.delimiter", "|", "headers.separator", ";",
          "headers.key.separator", "=", "key.separator", "|k|"),
      props("headers.delimiter", ",", "headers.separator", ","),
      props("null.marker", "\t"),
      props("headers.key.separator", ",", "parse.headers", "true"));

  static List<Arguments> cases() {
    return PROPERTIES.stream()
        .flatMap(props -> INPUTS.stream().map(input -> Arguments.of(props, input)))
        .toList();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void readsWhatKafkasLineMessageReaderReads(Map<String, String> props, String input) {
    assertThat(RecordsRead.ours(input, props)).isEqualTo(RecordsRead.kafkas(input, props));
  }
}
