package io.github.kswordcount.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.lang3.SerializationUtils;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void namesMatchExactlyThemselves() {
    Topics topics = Topics.names(List.of("lab", "other"));
    assertThat(topics.matches("lab")).isTrue();
    assertThat(topics.matches("lab2")).isFalse();
    assertThat(topics.isPattern()).isFalse();
    assertThat(topics).hasToString("topics [lab, other]");
  }

  @Test
  void aPatternMatchesWholeNamesButNeverInternalTopics() {
    Topics topics = Topics.pattern(Pattern.compile(".*"));
    assertThat(topics.matches("lab")).isTrue();
    assertThat(topics.matches("__consumer_offsets")).isFalse();
    assertThat(topics.matches("__transaction_state")).isFalse();
    assertThat(Topics.pattern(Pattern.compile("lab-.")).matches("lab-12")).isFalse();
    assertThat(Topics.pattern(Pattern.compile("lab-.*"))).hasToString("pattern lab-.*");
  }

  @Test
  void survivesSerializationWithItsPattern() {
    Topics topics = Topics.pattern(Pattern.compile("lab-.*"));
    Topics copy = SerializationUtils.roundtrip(topics);
    assertThat(copy).isEqualTo(topics);
    assertThat(copy.matches("lab-1")).isTrue();
  }
}
