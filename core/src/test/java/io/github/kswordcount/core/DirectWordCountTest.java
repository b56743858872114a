package io.github.kswordcount.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The builders' refusals, before anything runs; and the direct read defaults. */
class DirectWordCountTest {
  private static final SparkConf CONF = new SparkConf().setMaster("local[2]").setAppName("t");

  private static DirectWordCount complete() {
    return DirectWordCount.builder().bootstrapServers("127.0.0.1:1").topics("in").group("g")
        .spark(CONF, Duration.ofSeconds(1));
  }

  @Test
  void readsInLargerFetchesPollsAndSocketBuffersUnlessTheUserSaysOtherwise() {
    assertThat(DirectWordCount.withReadDefaults(Map.of("group.id", "g")))
        .containsEntry("max.partition.fetch.bytes", "8388608").containsEntry("max.poll.records", "5000")
        .containsEntry("receive.buffer.bytes", 1048576).containsEntry("group.id", "g");
    assertThat(DirectWordCount.withReadDefaults(Map.of("max.poll.records", "7", "receive.buffer.bytes", 65536)))
        .containsEntry("max.poll.records", "7").containsEntry("max.partition.fetch.bytes", "8388608")
        .containsEntry("receive.buffer.bytes", 65536);
  }

  @Test
  void refusesAnIncompleteSetting() {
    assertThatThrownBy(() -> DirectWordCount.builder().topics("in").group("g").spark(CONF, Duration.ofSeconds(1))
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessage("bootstrapServers(...) is required");
    assertThatThrownBy(() -> DirectWordCount.builder().bootstrapServers("h:1").topics("in")
        .spark(CONF, Duration.ofSeconds(1)).build()).hasMessage("group(...) is required");
    assertThatThrownBy(() -> DirectWordCount.builder().bootstrapServers("h:1").topics("in").group("g").build())
        .hasMessage("spark(conf, batchInterval) is required");
    assertThatThrownBy(() -> complete().kafkaTimeout(Duration.ofMillis(999)))
        .hasMessage("kafkaTimeout must be at least 1 s, not PT0.999S");
  }

  private static final String GROUP_PROTOCOL_REFUSED = "group.protocol=consumer (KIP-848) is not supported by the "
      + "direct stream: Spark 3.5's Kafka connector calls poll(long), which kafka-clients refuses under that protocol "
      + "(SPARK-53904); leave group.protocol at classic (the receiver-based count takes consumer)";

  @Test
  void refusesContradictions() {
    assertThatThrownBy(() -> complete().consumerProperty("enable.auto.commit", "true").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("enable.auto.commit=true is not allowed: the job commits offsets after each batch");
    assertThatThrownBy(() -> complete().exactlyOnce().build())
        .hasMessage("exactlyOnce() needs toTopic(...): the transaction writes there");
    // Seen on a Kafka 4 broker, before this check: the run ended with Kafka's "Consumer.poll(long) is not supported
    // when "group.protocol" is "consumer"", a method no user called.
    assertThatThrownBy(() -> complete().consumerProperty("group.protocol", "CONSUMER").build())
        .hasMessage(GROUP_PROTOCOL_REFUSED);
    assertThatThrownBy(() -> complete().toTopic("out").exactlyOnce().checkpoint("cp")
        .counting(Counting.windowed(Duration.ofSeconds(2), Duration.ofSeconds(1))).build())
        .hasMessageStartingWith("exactlyOnce() and a windowed counting exclude each other");
    assertThatThrownBy(() -> complete().toTopic("out").exactlyOnce().sink((counts, time) -> { }).build())
        .hasMessage("exactlyOnce() takes no sink(...): a sink of your own cannot join the Kafka transaction");
    assertThatThrownBy(() -> complete().toTopic("in").build())
        .hasMessage("output topic 'in' is one the run reads: it would count its own output");
    assertThatThrownBy(() -> complete().counting(Counting.runningTotals()).build())
        .hasMessage("counting running totals needs checkpoint(...): Spark keeps its state there");
    assertThatThrownBy(() -> complete().checkpoint("cp")
        .counting(Counting.windowed(Duration.ofMillis(1500), Duration.ofSeconds(1))).build())
        .hasMessage("the window and the slide must be multiples of the batch interval 1000 ms");
    assertThatThrownBy(() -> ReceiverWordCount.builder().bootstrapServers("h:1").topics("in").group("g")
        .spark(CONF, Duration.ofSeconds(1)).writeAheadLog(true).build())
        .hasMessage("writeAheadLog(true) needs checkpoint(...): the log is kept there");
  }
}
