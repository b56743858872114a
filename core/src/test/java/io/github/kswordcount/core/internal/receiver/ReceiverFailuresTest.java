package io.github.kswordcount.core.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.apache.spark.streaming.scheduler.ReceiverInfo;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverStopped;
import org.junit.jupiter.api.Test;

/** When the driver gives up on a receiver: the same fatal cause three restarts in a row, and only then. */
class ReceiverFailuresTest {

  private static final String FENCED = "FencedInstanceIdException: The broker rejected this static consumer";

  private final List<RuntimeException> givenUp = new ArrayList<>();
  private final ReceiverFailures failures = new ReceiverFailures(3, givenUp::add, System::nanoTime, () -> {
    throw new AssertionError("no instance id refused here: the grace is not asked for");
  });

  /** What Spark's receiver tracker reports when a receiver restarts with {@code message}. */
  private void restarted(int stream, String message) {
    failures.onReceiverStopped(new StreamingListenerReceiverStopped(new ReceiverInfo(stream, "r", false, "host",
        "driver", "Restarting receiver with delay 2000ms: " + message, "java.lang.RuntimeException: ...", 1L)));
  }

  @Test
  void theThirdRestartInARowForTheSameFatalCauseGivesUpOnce() {
    for (int i = 0; i < 4; i++) {
      restarted(0, "Kafka consumer failed: fatal: " + FENCED);
    }
    assertThat(givenUp).hasSize(1);
    assertThat(givenUp.get(0)).hasMessage("receiver 0 gave up after 3 failed starts in a row: " + FENCED);
  }

  /** Kafka's text names the refused member, a new one at each start: the same cause all the same. */
  /**
   * KIP-848 refuses an instance id another member holds, and a member that crashed holds it until its session
   * ends: the receiver goes on trying for the grace (the broker's session and a margin, asked for once), then
   * gives up once, though each refusal names another member.
   */
  @Test
  void anInstanceIdRefusedGivesUpOnceThreeRefusalsSpanTheGraceThoughEachNamesAnotherMember() {
    long[] now = {0};
    List<String> asked = new ArrayList<>();
    ReceiverFailures timed = new ReceiverFailures(3, givenUp::add, () -> now[0], () -> {
      asked.add("grace");
      return Duration.ofSeconds(60);
    });
    for (String member : List.of("M6tpzfM4", "mHJMy0qY", "PTd9hDeh", "x1", "x2")) {
      timed.onReceiverStopped(refusal(member));
      now[0] += Duration.ofSeconds(20).toNanos();
    }
    // Refused at 0, 20, 40 s: still within the grace (a crashed twin's session); at 60 s: given up, once.
    assertThat(givenUp).singleElement().extracting(Throwable::getMessage).asString()
        .startsWith("receiver 0 gave up after 4 failed starts in a row over 60 s: UnreleasedInstanceIdException: "
            + "Static member x1 with instance id g-one-receiver-0-0");
    assertThat(asked).hasSize(1);
  }

  /** A broker with a shorter session (its group.consumer.session.timeout.ms) gives a shorter grace. */
  @Test
  void theGraceIsWhatItIsGivenAndTheMessageSaysIt() {
    long[] now = {0};
    ReceiverFailures timed = new ReceiverFailures(3, givenUp::add, () -> now[0], () -> Duration.ofSeconds(25));
    for (String member : List.of("a", "b", "c")) {
      timed.onReceiverStopped(refusal(member));
      now[0] += Duration.ofSeconds(12).toNanos();
    }
    assertThat(givenUp).isEmpty();
    timed.onReceiverStopped(refusal("d"));
    assertThat(givenUp).singleElement().extracting(Throwable::getMessage).asString()
        .startsWith("receiver 0 gave up after 4 failed starts in a row over 25 s: UnreleasedInstanceIdException: ");
  }

  private static StreamingListenerReceiverStopped refusal(String member) {
    return new StreamingListenerReceiverStopped(new ReceiverInfo(0, "r", false, "host", "driver",
        "Restarting receiver with delay 2000ms: Kafka consumer failed: fatal: UnreleasedInstanceIdException: Static "
        + "member " + member + " with instance id g-one-receiver-0-0 cannot join the group because the instance id "
        + "is owned by t8mJDKXz member. (another consumer of group 'g' uses group.instance.id 'g-one-receiver-0-0')",
        "java.lang.RuntimeException: ...", 1L));
  }

  @Test
  void anotherFailureInBetweenStartsTheCountAgain() {
    restarted(0, "Kafka consumer failed: fatal: " + FENCED);
    restarted(0, "Kafka consumer failed: fatal: " + FENCED);
    restarted(0, "Kafka consumer failed: Timeout expired while fetching topic metadata");
    restarted(0, "Kafka consumer failed: fatal: " + FENCED);
    restarted(0, "Kafka consumer failed: fatal: TopicAuthorizationException: Not authorized to access topics: [t]");
    restarted(1, "Kafka consumer failed: fatal: " + FENCED);
    assertThat(givenUp).isEmpty();
  }

  @Test
  void aStopTheJobAskedForIsNoFailure() {
    for (int i = 0; i < 3; i++) {
      failures.onReceiverStopped(new StreamingListenerReceiverStopped(
          new ReceiverInfo(0, "r", false, "host", "driver", "fatal: " + FENCED, "", -1L)));
    }
    assertThat(givenUp).isEmpty();
  }

  @Test
  void fencingAndRefusedAuthorizationAreFatalAlsoAsACauseWhileARebalanceIsNot() {
    FencedInstanceIdException fenced = new FencedInstanceIdException("fenced");
    assertThat(ReceiverFailures.fatalCause(fenced)).isSameAs(fenced);
    TopicAuthorizationException refused = new TopicAuthorizationException("Not authorized to access topics: [t]");
    assertThat(ReceiverFailures.fatalCause(new KafkaException("poll failed", refused))).isSameAs(refused);
    assertThat(ReceiverFailures.fatalCause(new RebalanceInProgressException("rebalancing"))).isNull();
  }

  /**
   * Under group.protocol=consumer (KIP-848) a second member with a static identity in use is refused, not fenced;
   * restarts never cure it while the first runs (seen on Kafka 4.4: the twin restarted every 2.3 s, counted nothing
   * and stopped as idle with exit 0).
   */
  @Test
  void anInstanceIdHeldByAnotherMemberUnderTheConsumerProtocolIsFatal() {
    UnreleasedInstanceIdException held = new UnreleasedInstanceIdException("the instance id is owned by another");
    assertThat(ReceiverFailures.fatalCause(new KafkaException("poll failed", held))).isSameAs(held);
  }
}
