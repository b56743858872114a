package io.github.kswordcount.consolekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.junit.jupiter.api.Test;

class ConsoleCommandTest {

  /** A tool with the kinds of options Kafka's console tools declare. */
  private static final class Options {
    final ConsoleCommand command = new ConsoleCommand("This tool tests the frame.");
    final OptionSpec<String> topic = command.parser().accepts("topic", "the topic").withRequiredArg()
        .describedAs("topic").ofType(String.class);
    final OptionSpec<Integer> batchSize = command.parser().accepts("batch-size", "a number").withRequiredArg()
        .describedAs("size").ofType(Integer.class).defaultsTo(16384);
    final OptionSpec<String> property = command.parser().accepts("property", "repeatable").withRequiredArg()
        .describedAs("prop").ofType(String.class);
    final OptionSpec<String> codec = command.parser().accepts("compression-codec", "optional").withOptionalArg()
        .describedAs("codec").ofType(String.class);
    final OptionSpec<Void> sync = command.parser().accepts("sync", "a flag");

    OptionSet parse(String... args) {
      return command.settings(options -> options, args);
    }
  }

  private final Options tool = new Options();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void refusesTwoOptionsTogetherWithKafkasTextAndTheUsage() {
    OptionSet both = tool.parse("--property", "a", "--topic", "t");
    assertThatThrownBy(() -> ConsoleCommand.refuseTogether(both, tool.property, tool.topic))
        .isInstanceOf(UsageException.class)
        .hasMessage("Options --property and --topic cannot be specified together.")
        .matches(e -> ((UsageException) e).showUsage() && ((UsageException) e).line().equals(e.getMessage()));
    ConsoleCommand.refuseTogether(tool.parse("--property", "a"), tool.property, tool.topic);
  }

  @Test
  void readsSpaceAndEqualsFormsWithOneOrTwoDashes() {
    OptionSet args = tool.parse("--topic", "a", "--batch-size=5", "-property", "x=y", "-property=z");
    assertThat(args.valueOf(tool.topic)).isEqualTo("a");
    assertThat(args.valueOf(tool.batchSize)).isEqualTo(5);
    assertThat(args.valuesOf(tool.property)).containsExactly("x=y", "z");
  }

  @Test
  void aRequiredArgumentIsTheNextArgumentWhateverItLooksLike() {
    assertThat(tool.parse("--topic", "--sync").valueOf(tool.topic)).isEqualTo("--sync");
    assertThat(tool.parse("--topic=").valueOf(tool.topic)).isEmpty();
  }

  @Test
  void anOptionalArgumentIsTakenOnlyWhenItIsNotAnOption() {
    assertThat(tool.parse("--compression-codec", "lz4").valueOf(tool.codec)).isEqualTo("lz4");
    OptionSet bare = tool.parse("--compression-codec", "--sync");
    assertThat(bare.has(tool.codec)).isTrue();
    assertThat(bare.valueOf(tool.codec)).isNull();
    assertThat(bare.has(tool.sync)).isTrue();
    assertThat(tool.parse("--compression-codec").valueOf(tool.codec)).isNull();
  }

  @Test
  void givesDefaultsForAbsentOptions() {
    OptionSet args = tool.parse();
    assertThat(args.has(tool.batchSize)).isFalse();
    assertThat(args.valueOf(tool.batchSize)).isEqualTo(16384);
    assertThat(args.valueOf(tool.topic)).isNull();
    assertThat(args.valuesOf(tool.property)).isEmpty();
  }

  @Test
  void ignoresNonOptionArgumentsAndStopsAtDoubleDash() {
    OptionSet args = tool.parse("stray", "-", "--sync", "--", "--unknown");
    assertThat(args.has(tool.sync)).isTrue();
  }

  @Test
  void refusesUnknownOptionsAndAbbreviationsWithTheUsage() {
    assertUsage("top is not a recognized option", "--top", "a");
    assertUsage("nope is not a recognized option", "--nope=1");
    assertUsage("x is not a recognized option", "-xyz");
    assertUsage("Option topic requires an argument", "--topic");
  }

  @Test
  void refusesASingleValueGivenTwiceAndUnparsableNumbersWhenReadWithoutTheUsage() {
    assertAlone("Found multiple arguments for option topic, but you asked for only one",
        options -> options.valueOf(tool.topic), "--topic", "a", "--topic", "b");
    assertAlone("Cannot parse argument 'big' of option batch-size",
        options -> options.valueOf(tool.batchSize), "--batch-size", "big");
    assertThat(tool.parse("--sync", "--sync").has(tool.sync)).isTrue();
  }

  @Test
  void helpOrNoArgumentsPrintTheHeaderAndTheSortedUsageOnStderrAndExit1() {
    assertThat(run("--help", "--topic", "t")).isEqualTo(1);
    String usage = err();
    assertThat(usage).startsWith("This tool tests the frame.\nOption").doesNotContain("ran");
    assertThat(usage).contains("--batch-size <Integer: size>", "(default: 16384)",
        "--compression-codec [String: codec]", "--version");
    assertThat(usage.indexOf("--batch-size")).isLessThan(usage.indexOf("--compression-codec"));
    assertThat(usage.indexOf("--sync")).isLessThan(usage.indexOf("--topic"));
    err.reset();
    assertThat(run()).isEqualTo(1);
    assertThat(err()).isEqualTo(usage);
    assertThat(out()).isEmpty();
  }

  @Test
  void versionPrintsKafkasVersionOnStdoutAndExits0() {
    assertThat(run("--version")).isZero();
    assertThat(out()).isEqualTo("3.9.2\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void aUsageErrorIsItsMessageThenTheUsageIfItSaysSo() {
    assertThat(run("--nope")).isEqualTo(1);
    assertThat(err()).startsWith("nope is not a recognized option\nOption ");
    err.reset();
    assertThat(tool.command.run(new String[] {"--sync"}, ps(out), ps(err), options -> {
      throw UsageException.alone("the rule");
    }, settings -> 0)).isEqualTo(1);
    assertThat(err()).isEqualTo("error: the rule\n");
    err.reset();
    assertThat(run("--topic", "a", "--topic", "b")).isEqualTo(1);
    assertThat(err()).isEqualTo("Found multiple arguments for option topic, but you asked for only one\n");
  }

  @Test
  void otherwiseRunsTheToolOnItsSettings() {
    assertThat(run("--topic", "Тема")).isEqualTo(7);
    assertThat(out()).isEqualTo("ran Тема\n");
    assertThat(err()).isEmpty();
  }

  private int run(String... args) {
    PrintStream stdout = ps(out);
    return tool.command.run(args, stdout, ps(err), options -> options.valueOf(tool.topic), topic -> {
      stdout.println("ran " + topic);
      return 7;
    });
  }

  private void assertUsage(String message, String... args) {
    assertThatThrownBy(() -> tool.parse(args)).isInstanceOf(UsageException.class).hasMessage(message)
        .matches(e -> ((UsageException) e).showUsage(), "shows the usage");
  }

  private void assertAlone(String message, Function<OptionSet, ?> rules, String... args) {
    assertThatThrownBy(() -> tool.command.settings(rules, args)).isInstanceOf(UsageException.class)
        .hasMessage(message).matches(e -> !((UsageException) e).showUsage(), "shows no usage");
  }

  private static PrintStream ps(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
