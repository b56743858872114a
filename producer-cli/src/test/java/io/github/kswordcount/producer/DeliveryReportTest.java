package io.github.kswordcount.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class DeliveryReportTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<Set<Integer>> asked = new ArrayList<>();

  private DeliveryReport report(Optional<String> why) {
    return report(why, failure -> Optional.empty());
  }

  private DeliveryReport report(Optional<String> why, Function<Throwable, Optional<String>> gone) {
    return new DeliveryReport(new PrintStream(err, true, StandardCharsets.UTF_8), "t", "line", partitions -> {
      asked.add(partitions);
      return why;
    }, gone);
  }

  private static RecordMetadata failedIn(int partition) {
    return new RecordMetadata(new TopicPartition("t", partition), -1, 0, -1, -1, -1);
  }

  @Test
  void expiredRecordsAreExplainedOnceAtTheEndWithThePartitionsTheyWereIn() {
    DeliveryReport report = report(Optional.of("NOT_ENOUGH_REPLICAS: ..."));
    TimeoutException expired = new TimeoutException("Expiring 1 record(s) for t-1:120000 ms has passed");
    report.callbackFor(1).onCompletion(failedIn(1), expired);
    report.callbackFor(2).onCompletion(failedIn(1), expired);
    report.callbackFor(3).onCompletion(failedIn(0), null);
    report.printSummary();

    assertThat(asked).containsExactly(Set.of(1));
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "error: line 1 was not sent to topic 't': TimeoutException: Expiring 1 record(s) for t-1:120000 ms has passed",
        "error: line 2 was not sent to topic 't': TimeoutException: Expiring 1 record(s) for t-1:120000 ms has passed",
        "error: 2 of 3 records were not sent: NOT_ENOUGH_REPLICAS: ...");
  }

  @Test
  void otherRefusalsAskNothing() {
    DeliveryReport report = report(Optional.of("never shown"));
    report.callbackFor(1).onCompletion(failedIn(0), new RecordTooLargeException("too large"));
    report.printSummary();

    assertThat(asked).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).last().isEqualTo("error: 1 of 1 records were not sent");
  }

  @Test
  void aClusterThatCannotTellLeavesTheSummaryAsItWas() {
    DeliveryReport report = report(Optional.empty());
    report.callbackFor(1).onCompletion(failedIn(0), new TimeoutException("Expiring 1 record(s)"));
    report.printSummary();

    assertThat(asked).containsExactly(Set.of(0));
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).last().isEqualTo("error: 1 of 1 records were not sent");
  }

  @Test
  void aTopicFoundDeletedIsOneLineThenOnlyCountedAndTheSummaryCountsEveryLineNotSent() {
    List<Throwable> looked = new ArrayList<>();
    DeliveryReport report = report(Optional.of("never shown"), failure -> {
      looked.add(failure);
      return Optional.of("topic 't' does not exist on h:1");
    });
    report.callbackFor(1).onCompletion(failedIn(0), null);
    TimeoutException expired = new TimeoutException("Expiring 2 record(s) for t-0:4000 ms has passed");
    report.callbackFor(2).onCompletion(failedIn(0), expired);
    report.callbackFor(3).onCompletion(failedIn(0), expired);
    report.printSummary();

    assertThat(looked).containsExactly(expired);
    assertThat(report.fatal()).isTrue();
    assertThat(report.topicGone()).isTrue();
    assertThat(asked).as("a deleted topic's partitions are not explained").isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "error: topic 't' does not exist on h:1 any more (deleted while lines were sent?): line 2 and the lines after"
            + " it were not sent",
        "error: 2 of 3 records were not sent");
  }

  @Test
  void aMissingTopicBeforeAnythingWasSentIsOneLineAndNoSummary() {
    DeliveryReport report = report(Optional.empty());
    report.missing("topic 't' does not exist on h:1");
    report.printSummary();

    assertThat(report.fatal()).isTrue();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: topic 't' does not exist on h:1, and the "
        + "broker does not create topics on first use: nothing was sent (create the topic first)\n");
  }
}
