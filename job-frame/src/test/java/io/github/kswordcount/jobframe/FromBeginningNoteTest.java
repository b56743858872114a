package io.github.kswordcount.jobframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The line a job prints when {@code --from-beginning} cannot apply: the group's offsets, and both ways out. */
class FromBeginningNoteTest {

  @Test
  void namesTheGroupTheTopicAndBothWaysOut() {
    assertThat(FromBeginningNote.line("wordcount-direct", "localhost:9092", List.of("lab"))).isEqualTo(
        "note: --from-beginning applies only where group 'wordcount-direct' has no committed offset; it has offsets"
        + " on topic 'lab' and reads on from them. To count from the first record, give a new --group, or reset"
        + " this one while no job uses it: bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092"
        + " --group wordcount-direct --topic lab --reset-offsets --to-earliest --execute");
  }

  @Test
  void severalTopicsAreListedAndEachIsReset() {
    assertThat(FromBeginningNote.line("g", "h:1", List.of("a", "b")))
        .contains("it has offsets on topics [a, b] and reads on")
        .endsWith("--group g --topic a --topic b --reset-offsets --to-earliest --execute")
        .doesNotContain("\n");
  }
}
