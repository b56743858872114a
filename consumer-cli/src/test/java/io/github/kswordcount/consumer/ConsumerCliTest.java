package io.github.kswordcount.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.NotKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsumerCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void noArgumentsOrHelpPrintTheHeaderAndTheUsageAndExit1() {
    assertThat(run()).isEqualTo(1);
    assertThat(err()).startsWith(ConsumerOptions.HELP_HEADER + "\nOption");
    assertThat(err()).contains("--bootstrap-server <String: server to", "--from-beginning", "--whitelist");
    err.reset();
    assertThat(run("--help", "--topic", "t")).isEqualTo(1);
    assertThat(err()).startsWith(ConsumerOptions.HELP_HEADER + "\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void versionPrintsKafkasVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out()).isEqualTo("3.9.2\n");
  }

  @Test
  void aBrokenRulePrintsKafkasMessageThenTheUsage() {
    assertThat(run("--bootstrap-server", "h:1", "--topic", "t", "--offset", "5")).isEqualTo(1);
    assertThat(err()).startsWith("The partition is required when offset is specified.\nOption ");
  }

  @Test
  void aBadTimeOrPatternIsOneErrorLineAndExit1() {
    assertThat(run("--bootstrap-server", "h:1", "--topic", "t", "--to-time", "2024-05-01")).isEqualTo(1);
    assertThat(err()).isEqualTo("error: --to-time '2024-05-01' is not a time: give milliseconds since the epoch or "
        + "ISO-8601 with an offset, e.g. 2024-05-01T10:00:00Z or 2024-05-01T12:00:00+02:00\n");
    err.reset();
    assertThat(run("--bootstrap-server", "h:1", "--topic", "t", "--format", "%k %v")).isEqualTo(1);
    assertThat(err()).isEqualTo("error: --format '%k %v': %v is not a field (fields %t %p %o %T %k %s %h and %%, "
        + "escapes \\n \\t \\r \\\\)\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void anUnresolvableBrokerIsOneLineAndNoCount() {
    assertThat(run("--bootstrap-server", "no-such-host.invalid:9092", "--topic", "t")).isEqualTo(1);
    assertThat(err()).contains("error: Failed to construct kafka consumer: No resolvable bootstrap urls given in "
        + "bootstrap.servers").doesNotContain("Processed a total");
  }

  @Test
  void anUnreachableBrokerEndsWithTheTimeoutAndTheCount() {
    assertThat(run("--bootstrap-server", "localhost:1", "--topic", "t", "--timeout-ms", "300")).isZero();
    assertThat(err()).endsWith("Processed a total of 0 messages\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void withoutTimeoutAnAddressWhereNoKafkaListensIsOneLineWithinTheApiTimeout() {
    assertThat(run("--bootstrap-server", "localhost:1", "--topic", "t",
        "--consumer-property", "default.api.timeout.ms=1500")).isEqualTo(1);
    assertThat(err()).isEqualTo("error: no answer from Kafka at localhost:1 within 1500 ms (is a Kafka broker "
        + "listening there?); --timeout-ms waits for one instead\n");
  }

  @Test
  void withoutTimeoutAnHttpServerOnThePortIsOneLineNotAWaitForever() {
    try (NotKafka http = NotKafka.start()) {
      String address = http.address();
      assertThat(run("--bootstrap-server", address, "--topic", "t",
          "--consumer-property", "default.api.timeout.ms=3000")).isEqualTo(1);
      assertThat(err().lines().filter(l -> l.startsWith("error: ")).toList())
          .containsExactly("error: no answer from Kafka at " + address + " within 3000 ms (is a Kafka broker "
              + "listening there?); --timeout-ms waits for one instead");
      assertThat(out()).isEmpty();
    }
  }

  private int run(String... args) {
    return ConsumerCli.run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
