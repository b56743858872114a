package io.github.kswordcount.core.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kswordcount.core.internal.kafka.ConsumerParams;
import io.github.kswordcount.core.kafka.Topics;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The consumers' static identities: one per process, receiver and thread, so no two processes fence each other. */
class ReceiverSourceTest {

  private static final Map<String, Object> PARAMS = ConsumerParams.of("localhost:9092", "g", false, Map.of());

  private static ReceiverSource source(Map<String, Object> params) {
    return ReceiverSource.of(params, Topics.names(List.of("lab")));
  }

  @Test
  void eachConsumerIsAStaticMemberNamedAfterTheProcessTheReceiverAndTheThread() {
    assertThat(source(PARAMS).withInstance("host-42").consumerParams(1, 2))
        .containsEntry("group.instance.id", "g-host-42-receiver-1-2");
  }

  @Test
  void twoProcessesNeverShareAStaticIdentity() {
    Object first = source(PARAMS).withInstance("host-41").consumerParams(0, 0).get("group.instance.id");
    Object second = source(PARAMS).withInstance("host-42").consumerParams(0, 0).get("group.instance.id");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void byDefaultTheInstanceIsThisProcessOnThisHost() {
    assertThat(source(PARAMS).instance()).isEqualTo(ReceiverSource.processInstance())
        .endsWith("-" + ProcessHandle.current().pid()).matches("[A-Za-z0-9._-]+");
  }

  @Test
  void aGroupInstanceIdInTheParametersIsThePrefixOfEachThreadsOwn() {
    Map<String, Object> params = ConsumerParams.of("localhost:9092", "g", false, Map.of("group.instance.id", "mine"));
    assertThat(source(params).consumerParams(0, 1)).containsEntry("group.instance.id", "mine-receiver-0-1");
  }

  @Test
  void aPatternsConsumersLookForNewTopicsEveryFiveSecondsUnlessToldOtherwise() {
    ReceiverSource pattern = ReceiverSource.of(PARAMS, Topics.pattern(Pattern.compile("lab-.*")));
    assertThat(pattern.consumerParams(0, 0)).containsEntry("metadata.max.age.ms", "5000");
    Map<String, Object> params = ConsumerParams.of("localhost:9092", "g", false, Map.of("metadata.max.age.ms", "60000"));
    assertThat(ReceiverSource.of(params, Topics.pattern(Pattern.compile("lab-.*")))
        .consumerParams(0, 0)).containsEntry("metadata.max.age.ms", "60000");
    assertThat(source(PARAMS).consumerParams(0, 0)).doesNotContainKey("metadata.max.age.ms");
  }

  @Test
  void anInstanceKafkaWouldRefuseIsRefusedHere() {
    assertThatThrownBy(() -> source(PARAMS).withInstance("two words"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("instance 'two words' is invalid: use 1 to 200 of A-Z a-z 0-9 . _ -");
  }
}
