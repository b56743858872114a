package io.github.kswordcount.receiverapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad or conflicting option of the receiver job: one error line naming it, then the usage, exit 2. */
class ReceiverBadOptionsTest {

  static Stream<Arguments> badCommandLines() {
    String b = "--bootstrap-server";
    return Stream.of(
        Arguments.of(List.of(b, "h:1"), "error: give exactly one of --topic and --include"),
        Arguments.of(List.of("--topic", "t"), "error: --bootstrap-server is required"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--receivers", "0"),
            "error: --receivers '0' is invalid: use a number >= 1"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--consumer-threads", "0"),
            "error: --consumer-threads '0' is invalid: use a number >= 1"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--max-rate", "-1"), "error: --max-rate '-1' is invalid"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--instance-id", "a/b"),
            "error: --instance-id 'a/b' is invalid"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--master", "local[1]"),
            "error: --master local[1] gives 1 core(s) for 1 receiver(s)"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--running-totals", "--no-wal"),
            "error: --running-totals needs --checkpoint-dir"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--consumer-property", "enable.auto.commit=true"),
            "error: enable.auto.commit=true is not allowed"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--exactly-once"), "error: unknown option '--exactly-once'"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--batch-seconds", "x"),
            "error: --batch-seconds 'x' is invalid: use a number"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--receivers", "two"),
            "error: --receivers 'two' is invalid: use a whole number"));
  }

  @ParameterizedTest
  @MethodSource("badCommandLines")
  void aBadCommandLineIsOneErrorLineThenTheUsageAndExitTwo(List<String> args, String error) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = ReceiverApp.run(args.toArray(new String[0]), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(status).as(String.join("\n", lines)).isEqualTo(2);
    assertThat(lines.get(0)).startsWith(error);
    assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Exception"));
    assertThat(lines).filteredOn(l -> l.startsWith("error: ")).hasSize(1);
    assertThat(lines.get(1)).startsWith("Usage: receiver-app");
  }
}
