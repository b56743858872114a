package io.github.kswordcount.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kswordcount.consolekit.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsumerOptionsTest {

  private static final String BOOTSTRAP = "--bootstrap-server";

  @TempDir
  Path dir;

  @Test
  void withoutGroupUsesAGeneratedOneThatCommitsNothing() {
    ConsumerSettings settings = settings(BOOTSTRAP, "h:1", "--topic", "t");
    assertThat(settings.consumerConfig()).containsEntry("bootstrap.servers", "h:1")
        .containsEntry("auto.offset.reset", "latest")
        .containsEntry("client.id", "console-consumer")
        .containsEntry("isolation.level", "read_uncommitted")
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("max.partition.fetch.bytes", "2097152")
        .containsEntry("max.poll.records", "5000")
        .containsEntry("receive.buffer.bytes", "1048576");
    assertThat((String) settings.consumerConfig().get("group.id")).matches("console-consumer-[0-9]{1,5}");
    assertThat(settings.commits()).isFalse();
    assertThat(settings.topic()).contains("t");
    assertThat(settings.offset()).isEqualTo(ConsumerSettings.LATEST);
    assertThat(settings.maxMessages()).isEqualTo(-1);
    assertThat(settings.timeoutMs()).isEqualTo(Long.MAX_VALUE);
    assertThat(settings.formatterClass()).isEqualTo(DefaultFormatter.class);
  }

  @Test
  void aGivenGroupCommitsUnlessAutoCommitIsOff() {
    ConsumerSettings settings = settings(BOOTSTRAP, "h:1", "--topic", "t", "--group", "g", "--from-beginning");
    assertThat(settings.consumerConfig()).containsEntry("group.id", "g").containsEntry("auto.offset.reset", "earliest")
        .doesNotContainKey("enable.auto.commit");
    assertThat(settings.commits()).isTrue();
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t", "--group", "g", "--consumer-property",
        "enable.auto.commit=false").commits()).isFalse();
  }

  @Test
  void consumerPropertiesBeatTheFileAndExplicitOptionsBeatBoth() throws IOException {
    Path file = write("c.properties",
        "group.id=g\nisolation.level=read_committed\nclient.id=from-file\nmax.poll.records=7\n");
    ConsumerSettings settings = settings(BOOTSTRAP, "h:1", "--topic", "t", "--consumer.config", file.toString(),
        "--consumer-property", "max.poll.records=8", "--consumer-property", "group.id=g");
    assertThat(settings.consumerConfig()).containsEntry("isolation.level", "read_committed")
        .containsEntry("client.id", "from-file").containsEntry("max.poll.records", "8").containsEntry("group.id", "g");
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t", "--consumer.config", file.toString(), "--isolation-level",
        "read_uncommitted").consumerConfig()).containsEntry("isolation.level", "read_uncommitted");
  }

  @Test
  void readsPartitionOffsetsAndLimits() {
    ConsumerSettings settings = settings(BOOTSTRAP, "h:1", "--topic", "t", "--partition", "3", "--offset", "42",
        "--max-messages", "10", "--timeout-ms", "500", "--skip-message-on-error", "--enable-systest-events");
    assertThat(settings.partition()).isEqualTo(OptionalInt.of(3));
    assertThat(settings.offset()).isEqualTo(42);
    assertThat(settings.maxMessages()).isEqualTo(10);
    assertThat(settings.timeoutMs()).isEqualTo(500);
    assertThat(settings.skipMessageOnError()).isTrue();
    assertThat(settings.systestEvents()).isTrue();
    assertThat(offset("--partition", "0", "--offset", "EARLIEST")).isEqualTo(ConsumerSettings.EARLIEST);
    assertThat(offset("--partition", "0")).isEqualTo(ConsumerSettings.LATEST);
    assertThat(offset("--partition", "0", "--from-beginning")).isEqualTo(ConsumerSettings.EARLIEST);
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t", "--timeout-ms", "-5").timeoutMs()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void includeOrItsDeprecatedAliasChoosesTopicsByPattern() {
    assertThat(settings(BOOTSTRAP, "h:1", "--include", "a.*").include()).contains("a.*");
    assertThat(settings(BOOTSTRAP, "h:1", "--whitelist", "b.*").include()).contains("b.*");
    assertThat(settings(BOOTSTRAP, "h:1", "--whitelist", "b.*", "--include", "c.*").include()).contains("c.*");
    assertThat(settings(BOOTSTRAP, "h:1", "--include", "a.*").topic()).isEqualTo(Optional.empty());
  }

  @Test
  void formatterPropertiesComeFromTheFileThenDeserializerOptionsThenProperty() throws IOException {
    Path file = write("f.properties", "print.key=true\nkey.separator=\\t|\\t\nkey.deserializer=from.File\n");
    ConsumerSettings settings = settings(BOOTSTRAP, "h:1", "--topic", "t", "--formatter-config", file.toString(),
        "--key-deserializer", "from.Option", "--value-deserializer", "v.Option", "--property", "print.value=false",
        "--property", "print.offset", "--property", "value.deserializer=v.Property");
    assertThat(settings.formatterConfig()).isEqualTo(Map.of("print.key", "true", "key.separator", "\t|\t",
        "key.deserializer", "from.Option", "value.deserializer", "v.Property", "print.value", "false",
        "print.offset", ""));
  }

  @Test
  void resolvesKafkasFormatterNamesToOurs() {
    assertThat(formatter("kafka.tools.DefaultMessageFormatter")).isEqualTo(DefaultFormatter.class);
    assertThat(formatter("org.apache.kafka.tools.consumer.NoOpMessageFormatter")).isEqualTo(NoOpFormatter.class);
    assertThat(formatter("kafka.tools.LoggingMessageFormatter")).isEqualTo(LoggingFormatter.class);
    assertThat(formatter(LoggingFormatter.class.getName())).isEqualTo(LoggingFormatter.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "--bootstrap-server h:1|Exactly one of --include/--topic is required. ",
      "--bootstrap-server h:1 --topic t --include x|Exactly one of --include/--topic is required. ",
      "--bootstrap-server h:1 --whitelist x --topic t|Exactly one of --include/--topic is required. "
          + "--whitelist is DEPRECATED use --include instead; ignored if --include specified.",
      "--bootstrap-server h:1 --include t --partition 0|The topic is required when partition is specified.",
      "--bootstrap-server h:1 --topic t --partition 0 --offset 1 --from-beginning|"
          + "Options from-beginning and offset cannot be specified together.",
      "--bootstrap-server h:1 --topic t --offset 5|The partition is required when offset is specified.",
      "--topic t|Missing required argument \"[bootstrap-server]\"",
      "--bootstrap-server h:1 --topic t --partition 0 --group g|"
          + "Options group and partition cannot be specified together.",
      "--bootstrap-server h:1 --topic t --partition 0 --consumer-property group.id=g|"
          + "Options group and partition cannot be specified together.",
      "--bootstrap-server h:1 --topic t --group a --consumer-property group.id=b|The group ids provided in different "
          + "places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. "
          + "Detected group ids: 'a', 'b'",
      "--bootstrap-server h:1 --topic t --partition 0 --offset abc|The provided offset value 'abc' is incorrect. "
          + "Valid values are 'earliest', 'latest', or a non-negative long.",
      "--bootstrap-server h:1 --topic t --partition 0 --offset -1|The provided offset value '-1' is incorrect. "
          + "Valid values are 'earliest', 'latest', or a non-negative long.",
      "--bootstrap-server h:1 --topic t --formatter no.such.Formatter|no.such.Formatter",
      "--bootstrap-server h:1 --topic t --formatter java.lang.String|class java.lang.String cannot be cast to class "
          + "org.apache.kafka.common.MessageFormatter",
      "--bootstrap-server h:1 --topic t --no-such-flag|no-such-flag is not a recognized option"})
  void reportsEachBrokenRuleWithKafkasMessageAndTheUsage(String args, String message) {
    assertThatThrownBy(() -> settings(args.split(" "))).isInstanceOf(UsageException.class).hasMessage(message)
        .matches(e -> ((UsageException) e).showUsage(), "shows the usage");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--bootstrap-server h:1 --topic t --from-beginning --consumer-property auto.offset.reset=latest|"
          + "Can't simultaneously specify --from-beginning and 'auto.offset.reset=latest', please remove one option",
      "--bootstrap-server h:1 --topic t --partition x|Cannot parse argument 'x' of option partition",
      "--bootstrap-server h:1 --topic t --topic u|"
          + "Found multiple arguments for option topic, but you asked for only one",
      "--bootstrap-server h:1 --topic t --max-messages many|Cannot parse argument 'many' of option max-messages",
      "--bootstrap-server h:1 --topic t --consumer.config /no/such/file|"
          + "error: properties file '/no/such/file' does not exist"})
  void reportsOtherMistakesInOneLine(String args, String line) {
    assertThatThrownBy(() -> settings(args.split(" "))).isInstanceOf(UsageException.class)
        .matches(e -> ((UsageException) e).line().equals(line), "prints " + line)
        .matches(e -> !((UsageException) e).showUsage(), "shows no usage");
  }

  @Test
  void fromBeginningAgreesWithAnEarliestReset() {
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t", "--from-beginning", "--consumer-property",
        "auto.offset.reset=earliest").consumerConfig()).containsEntry("auto.offset.reset", "earliest");
  }

  @Test
  void kafka4NamesMeanWhatTheir39NamesMean() throws IOException {
    Path file = write("c.properties", "isolation.level=read_committed\nclient.id=from-file\nmax.poll.records=7\n");
    ConsumerSettings old = settings(BOOTSTRAP, "h:1", "--topic", "t", "--group", "g", "--consumer.config",
        file.toString(), "--consumer-property", "max.poll.records=8", "--property", "print.key=true", "--property",
        "key.separator=|");
    ConsumerSettings kafka4 = settings(BOOTSTRAP, "h:1", "--topic", "t", "--group", "g", "--command-config",
        file.toString(), "--command-property", "max.poll.records=8", "--formatter-property", "print.key=true",
        "--formatter-property", "key.separator=|");
    assertThat(kafka4.consumerConfig()).isEqualTo(old.consumerConfig()).containsEntry("max.poll.records", "8")
        .containsEntry("client.id", "from-file");
    assertThat(kafka4.formatterConfig()).isEqualTo(old.formatterConfig())
        .isEqualTo(Map.of("print.key", "true", "key.separator", "|"));
    // A 3.9 name beside another kind's Kafka 4 name is not a conflict, as in Kafka 4.4: the property still wins.
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t", "--consumer.config", file.toString(), "--command-property",
        "client.id=p").consumerConfig()).containsEntry("client.id", "p");
  }

  /** Kafka 4.4's checks and messages (read from its ConsoleConsumerOptions), the usage after them. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--consumer-property a=1 --command-property a=1|"
          + "Options --consumer-property and --command-property cannot be specified together.",
      "--consumer.config f --command-config f|"
          + "Options --consumer.config and --command-config cannot be specified together.",
      "--property print.key=true --formatter-property print.key=true|"
          + "Options --property and --formatter-property cannot be specified together."})
  void refusesA39NameBesideItsKafka4NameAsKafka44Does(String both, String message) {
    assertThatThrownBy(() -> settings((BOOTSTRAP + " h:1 --topic t " + both).split(" ")))
        .isInstanceOf(UsageException.class).hasMessage(message)
        .matches(e -> ((UsageException) e).showUsage(), "shows the usage");
  }

  @Test
  void readsTimesAsMillisecondsOrIso8601WithAnOffset() {
    ConsumerSettings settings = settings(BOOTSTRAP, "h:1", "--topic", "t", "--from-time", "1714557600000",
        "--to-time", "2024-05-01T12:00:00.250+02:00", "--exit-at-end");
    assertThat(settings.fromTime()).hasValue(1714557600000L);
    assertThat(settings.toTime()).hasValue(1714557600250L);
    assertThat(settings.exitAtEnd()).isTrue();
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t", "--from-time", "2024-05-01T10:00:00Z").fromTime())
        .hasValue(1714557600000L);
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t").stopsPartitions()).isFalse();
  }

  @Test
  void formatAndJsonChooseOurFormatters() {
    ConsumerSettings format = settings(BOOTSTRAP, "h:1", "--topic", "t", "--format", "%t %p %o %T %k %s %h %%\\n");
    assertThat(format.formatterClass()).isEqualTo(PatternFormatter.class);
    assertThat(format.formatterConfig()).isEqualTo(Map.of("pattern", "%t %p %o %T %k %s %h %%\\n"));
    assertThat(formatter("json")).isEqualTo(JsonFormatter.class);
  }

  /** Our options' mistakes: one error: line, no usage (the tool exits 1). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--from-time yesterday|error: --from-time 'yesterday' is not a time: give milliseconds since the epoch or "
          + "ISO-8601 with an offset, e.g. 2024-05-01T10:00:00Z or 2024-05-01T12:00:00+02:00",
      "--to-time 2024-05-01T10:00:00|error: --to-time '2024-05-01T10:00:00' is not a time: give milliseconds since "
          + "the epoch or ISO-8601 with an offset, e.g. 2024-05-01T10:00:00Z or 2024-05-01T12:00:00+02:00",
      "--to-time -5|error: --to-time '-5' is not a time: give milliseconds since the epoch or ISO-8601 with an "
          + "offset, e.g. 2024-05-01T10:00:00Z or 2024-05-01T12:00:00+02:00",
      "--from-time 20 --to-time 10|error: --from-time 20 is after --to-time 10: nothing could be printed",
      "--from-time 10 --from-beginning|error: --from-time and --from-beginning cannot be used together: both say "
          + "where to start",
      "--partition 0 --offset 5 --from-time 10|error: --from-time and --offset cannot be used together: both say "
          + "where to start",
      "--format %x|error: --format '%x': %x is not a field (fields %t %p %o %T %k %s %h and %%, escapes \\n \\t "
          + "\\r \\\\)",
      "--format 100%|error: --format '100%': it ends with a lone % (fields %t %p %o %T %k %s %h and %%, escapes "
          + "\\n \\t \\r \\\\)",
      "--format %s\\q|error: --format '%s\\q': \\q is not an escape (fields %t %p %o %T %k %s %h and %%, "
          + "escapes \\n \\t \\r \\\\)",
      "--format %s --formatter json|error: --format and --formatter cannot be used together: --format prints by its "
          + "pattern alone",
      "--format %s --property print.key=true|error: --format takes no formatter properties (--property "
          + "print.key=true): it prints each field its own way",
      "--formatter json --formatter-property print.offset=true|error: --formatter json takes no formatter "
          + "properties (--formatter-property print.offset=true): it prints each field its own way",
      "--formatter json --key-deserializer x.Y|error: --formatter json takes no formatter properties "
          + "(--key-deserializer x.Y): it prints each field its own way"})
  void reportsMistakesInOurOptionsInOneLine(String args, String line) {
    assertThatThrownBy(() -> settings((BOOTSTRAP + " h:1 --topic t " + args).split(" ")))
        .isInstanceOf(UsageException.class)
        .matches(e -> ((UsageException) e).line().equals(line), "prints " + line)
        .matches(e -> !((UsageException) e).showUsage(), "shows no usage");
  }

  private static ConsumerSettings settings(String... args) {
    ConsumerOptions options = new ConsumerOptions();
    return options.command().settings(options::toSettings, args);
  }

  private static long offset(String... extra) {
    String[] args = new String[extra.length + 4];
    System.arraycopy(new String[] {BOOTSTRAP, "h:1", "--topic", "t"}, 0, args, 0, 4);
    System.arraycopy(extra, 0, args, 4, extra.length);
    return settings(args).offset();
  }

  private static Class<?> formatter(String name) {
    return settings(BOOTSTRAP, "h:1", "--topic", "t", "--formatter", name).formatterClass();
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
