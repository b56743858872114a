package io.github.kswordcount.direct;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad or conflicting option of the direct job: one error line naming it, then the usage, exit 2. */
class DirectOptionsTest {

  static Stream<Arguments> badCommandLines() {
    String b = "--bootstrap-server";
    return Stream.of(
        Arguments.of(List.of(b, "h:1"), "error: give exactly one of --topic and --include"),
        Arguments.of(List.of("--topic", "t"), "error: --bootstrap-server is required (or the lab's form: BROKERS TOPICS)"),
        Arguments.of(List.of(b, "nohost", "--topic", "t"),
            "error: --bootstrap-server 'nohost' is invalid: use host:port[,host:port...]"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--include", "x"), "error: give exactly one of --topic and --include"),
        Arguments.of(List.of(b, "h:1", "--include", "("), "error: --include '(' is invalid: Unclosed group"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--group", ""), "error: --group must not be empty"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--consumer-property", "enable.auto.commit=true"),
            "error: enable.auto.commit=true is not allowed: the job commits offsets after each batch"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--batch-seconds", "0"),
            "error: --batch-seconds '0"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--batch-seconds", "x"),
            "error: --batch-seconds 'x' is invalid: use a number"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--print", "-1"), "error: --print '-1' is invalid: use a number >= 0"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--slide", "2"), "error: --slide needs --window"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--running-totals"),
            "error: --running-totals needs --checkpoint-dir (the totals live in Spark's checkpoints)"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--exactly-once"), "error: --exactly-once needs --output-topic"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--max-rate-per-partition", "0"),
            "error: --max-rate-per-partition '0' is invalid: use a number >= 1"),
        Arguments.of(List.of(b, "h:1", "--topic", "t", "--no-such-option"), "error: unknown option '--no-such-option'"),
        Arguments.of(List.of("h:1"), "error: positional arguments [h:1] are invalid: give exactly BROKERS TOPICS"));
  }

  @ParameterizedTest
  @MethodSource("badCommandLines")
  void aBadCommandLineIsOneErrorLineThenTheUsageAndExitTwo(List<String> args, String error) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = DirectApp.run(args.toArray(new String[0]), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(status).isEqualTo(2);
    assertThat(lines.get(0)).startsWith(error);
    assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Exception"));
    assertThat(lines.get(1)).startsWith("Usage: direct-app");
  }
}
