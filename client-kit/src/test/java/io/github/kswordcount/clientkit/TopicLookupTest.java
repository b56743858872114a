package io.github.kswordcount.clientkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicLookupTest {

  @Test
  void oneTopicIsNamedInQuotesAndSeveralAsAList() {
    assertThat(TopicLookup.doesNotExist(List.of("счёт"), "h:1")).isEqualTo("topic 'счёт' does not exist on h:1");
    assertThat(TopicLookup.doesNotExist(List.of("a", "b"), "h:1,h:2"))
        .isEqualTo("topics [a, b] do not exist on h:1,h:2");
  }
}
