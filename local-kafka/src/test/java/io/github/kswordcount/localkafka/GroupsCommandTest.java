package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.beust.jcommander.JCommander;
import io.github.kswordcount.consolekit.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code groups} command lines refused before any connection (one line on stderr, exit 2), and what they parse to. */
class GroupsCommandTest {
  private static final String TARGETS = "--to-earliest, --to-latest, --to-offset, --to-datetime";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "''|give exactly one of --list, --describe, --reset-offsets, --delete",
      "--list --describe --group g|give exactly one of --list, --describe, --reset-offsets, --delete",
      "--describe --delete --group g|give exactly one of --list, --describe, --reset-offsets, --delete",
      "--describe|--describe needs --group or --all-groups",
      "--delete|--delete needs --group or --all-groups",
      "--reset-offsets --topic t --to-earliest|--reset-offsets needs --group or --all-groups",
      "--describe --group g --all-groups|give only one of --group, --all-groups",
      "--list --group g|--group and --all-groups go with --describe, --reset-offsets and --delete",
      "--list --members|--offsets, --members and --verbose go with --describe",
      "--describe --group g --members --offsets|give only one of --offsets, --members",
      "--describe --group g --verbose|--verbose goes with --describe --members",
      "--describe --group g --to-earliest|--topic, --all-topics, " + TARGETS + ", --dry-run and --execute go with"
          + " --reset-offsets",
      "--delete --group g --topic t|--topic, --all-topics, " + TARGETS + ", --dry-run and --execute go with"
          + " --reset-offsets",
      "--reset-offsets --group g --topic t|--reset-offsets needs exactly one of " + TARGETS,
      "--reset-offsets --group g --topic t --to-earliest --to-latest|--reset-offsets needs exactly one of " + TARGETS,
      "--reset-offsets --group g --to-earliest|--reset-offsets needs exactly one of --topic, --all-topics",
      "--reset-offsets --group g --topic t --all-topics --to-earliest|--reset-offsets needs exactly one of --topic,"
          + " --all-topics",
      "--reset-offsets --group g --all-topics --to-latest --dry-run --execute|give only one of --dry-run, --execute",
      "--reset-offsets --group g --all-topics --to-offset abc|--to-offset 'abc' is invalid: use an offset >= 0",
      "--reset-offsets --group g --all-topics --to-offset -1|--to-offset '-1' is invalid: use an offset >= 0",
      "--reset-offsets --group g --all-topics --to-datetime 2024-01-01|--to-datetime '2024-01-01' is invalid: use"
          + " YYYY-MM-DDTHH:mm:SS.sss, with an optional zone (Z, +02:00; UTC without one)",
      "--reset-offsets --group g --all-topics --to-datetime 2024-13-01T00:00:00.000|--to-datetime"
          + " '2024-13-01T00:00:00.000' is invalid: use YYYY-MM-DDTHH:mm:SS.sss, with an optional zone (Z, +02:00;"
          + " UTC without one)",
      "--reset-offsets --group g --topic t:x --to-earliest|--topic 't:x' is invalid: use TOPIC or"
          + " TOPIC:PARTITION,PARTITION...",
      "--reset-offsets --group g --topic :0 --to-earliest|--topic ':0' is invalid: use TOPIC or"
          + " TOPIC:PARTITION,PARTITION...",
      "--describe --group g --timeout 5000|Was passed main parameter '--timeout' but no main parameter was defined in"
          + " your arg class",
      "--reset-offsets --group g --all-topics --to-offset|Expected a value after parameter --to-offset"})
  void refusesABadCommandLineInOneLine(String given, String message) {
    String[] args = given.isEmpty() ? new String[0] : given.split(" ");
    String[] all = new String[args.length + 3];
    all[0] = "groups";
    all[1] = "--bootstrap-server";
    all[2] = "h:1";
    System.arraycopy(args, 0, all, 3, args.length);

    int code = run(all);

    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: " + message + ": see groups --help\n");
    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void needsTheBootstrapServer() {
    assertThat(run("groups", "--list")).isEqualTo(2);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("error: --bootstrap-server is required: see groups --help\n");
  }

  @Test
  void aMissingCommandConfigIsOneLineAndExitsOne() {
    int code = run("groups", "--bootstrap-server", "h:1", "--list", "--command-config", "/no/such/file.properties");

    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("error: --command-config '/no/such/file.properties' does not exist\n");
    assertThat(code).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void readsKafkasTopicPartitionsAndDatetimeWithAZone() throws UsageException {
    GroupsOptions options = new GroupsOptions();
    JCommander.newBuilder().addObject(options).build().parse("--bootstrap-server", "h:1", "--reset-offsets",
        "--group", "g,with,commas", "--topic", "t:0,2", "--topic", "u", "--to-datetime",
        "2024-05-01T12:30:00.250+02:00");

    GroupsRequest request = options.toRequest();

    assertThat(request.groups()).containsExactly("g,with,commas");
    GroupsRequest.Reset reset = request.reset().orElseThrow();
    assertThat(reset.topics()).containsExactly(new GroupsRequest.TopicScope("t", List.of(0, 2)),
        new GroupsRequest.TopicScope("u", List.of()));
    assertThat(reset.target()).isEqualTo(GroupsRequest.Target.DATETIME);
    assertThat(reset.value()).isEqualTo(java.time.Instant.parse("2024-05-01T10:30:00.250Z").toEpochMilli());
    assertThat(reset.execute()).isFalse();
    assertThat(reset.dryRunImplied()).isTrue();
  }

  @Test
  void readsADatetimeWithoutAZoneAsUtc() throws UsageException {
    GroupsOptions options = new GroupsOptions();
    JCommander.newBuilder().addObject(options).build().parse("--bootstrap-server", "h:1", "--reset-offsets",
        "--all-groups", "--all-topics", "--to-datetime", "2024-05-01T12:30:00.000", "--execute");

    GroupsRequest.Reset reset = options.toRequest().reset().orElseThrow();

    assertThat(reset.value()).isEqualTo(java.time.Instant.parse("2024-05-01T12:30:00Z").toEpochMilli());
    assertThat(reset.execute()).isTrue();
    assertThat(reset.dryRunImplied()).isFalse();
  }

  @Test
  void printsUsageOnStdoutForHelp() {
    assertThat(run("groups", "--help")).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar local-kafka.jar groups [options]")
        .contains("--bootstrap-server", "--command-config", "--list", "--describe", "--reset-offsets", "--delete",
            "--group", "--all-groups", "--members", "--verbose", "--offsets", "--topic", "--all-topics",
            "--to-earliest", "--to-latest", "--to-offset", "--to-datetime", "--dry-run", "--execute");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return LocalKafkaMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(1));
  }
}
