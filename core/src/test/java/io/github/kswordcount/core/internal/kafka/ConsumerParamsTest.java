package io.github.kswordcount.core.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.streaming.kafka010.KafkaUtils$;
import org.junit.jupiter.api.Test;

/** The consumer parameters as Spark's connector takes them. */
class ConsumerParamsTest {

  /**
   * Spark's direct stream casts {@code receive.buffer.bytes} to {@code Integer} (its KAFKA-3135 workaround), so the
   * value as a user gives it, text ({@code --consumer-property receive.buffer.bytes=262144}), crashed the stream
   * with a {@code ClassCastException} before this.
   */
  @Test
  void aReceiveBufferGivenAsTextReachesSparksConnectorAsAnInteger() {
    Map<String, Object> params = ConsumerParams.of("h:1", "g", false, Map.of("receive.buffer.bytes", " 262144"));
    HashMap<String, Object> executor = new HashMap<>(params);
    KafkaUtils$.MODULE$.fixKafkaParams(executor);
    assertThat(executor).containsEntry("receive.buffer.bytes", 262144);
    assertThat(ConsumerParams.of("h:1", "g", false, Map.of("receive.buffer.bytes", 131072)))
        .containsEntry("receive.buffer.bytes", 131072);
    assertThat(ConsumerParams.of("h:1", "g", false, Map.of())).doesNotContainKey("receive.buffer.bytes");
  }

  @Test
  void refusesAReceiveBufferThatIsNoWholeNumber() {
    assertThatThrownBy(() -> ConsumerParams.of("h:1", "g", false, Map.of("receive.buffer.bytes", "64k")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("receive.buffer.bytes must be a whole number of bytes, not '64k'");
  }
}
