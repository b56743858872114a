package io.github.kswordcount.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgParserTest {

  private static final ArgParser PARSER = new ArgParser(List.of(
      OptionSpec.withArg("topic", "String", "topic", "the topic", null),
      OptionSpec.withArg("batch-size", "Integer", "size", "a number", "16384"),
      OptionSpec.withArg("property", "String", "prop", "repeatable", null),
      OptionSpec.withOptionalArg("compression-codec", "String", "codec", "optional"),
      OptionSpec.flag("sync", "a flag")));

  @Test
  void readsSpaceAndEqualsFormsWithOneOrTwoDashes() {
    ParsedArgs args = PARSER.parse("--topic", "a", "--batch-size=5", "-property", "x=y", "-property=z");
    assertThat(args.valueOf("topic")).isEqualTo("a");
    assertThat(args.intValue("batch-size")).isEqualTo(5);
    assertThat(args.valuesOf("property")).containsExactly("x=y", "z");
  }

  @Test
  void aRequiredArgumentIsTheNextArgumentWhateverItLooksLike() {
    assertThat(PARSER.parse("--topic", "--sync").valueOf("topic")).isEqualTo("--sync");
    assertThat(PARSER.parse("--topic=").valueOf("topic")).isEmpty();
  }

  @Test
  void anOptionalArgumentIsTakenOnlyWhenItIsNotAnOption() {
    assertThat(PARSER.parse("--compression-codec", "lz4").valueOf("compression-codec")).isEqualTo("lz4");
    ParsedArgs bare = PARSER.parse("--compression-codec", "--sync");
    assertThat(bare.has("compression-codec")).isTrue();
    assertThat(bare.valueOf("compression-codec")).isNull();
    assertThat(bare.has("sync")).isTrue();
    assertThat(PARSER.parse("--compression-codec").valueOf("compression-codec")).isNull();
  }

  @Test
  void givesDefaultsForAbsentOptions() {
    ParsedArgs args = PARSER.parse();
    assertThat(args.has("batch-size")).isFalse();
    assertThat(args.intValue("batch-size")).isEqualTo(16384);
    assertThat(args.valueOf("topic")).isNull();
    assertThat(args.valuesOf("property")).isEmpty();
  }

  @Test
  void ignoresNonOptionArgumentsAndStopsAtDoubleDash() {
    ParsedArgs args = PARSER.parse("stray", "-", "--sync", "--", "--unknown");
    assertThat(args.has("sync")).isTrue();
  }

  @Test
  void refusesUnknownOptionsAndAbbreviationsWithJoptSimplesMessages() {
    assertThatThrownBy(() -> PARSER.parse("--top", "a")).hasMessage("top is not a recognized option");
    assertThatThrownBy(() -> PARSER.parse("--nope=1")).hasMessage("nope is not a recognized option");
    assertThatThrownBy(() -> PARSER.parse("-xyz")).hasMessage("x is not a recognized option");
    assertThatThrownBy(() -> PARSER.parse("--topic")).hasMessage("Option topic requires an argument")
        .matches(e -> ((CommandLineException) e).showUsage(), "shows the usage");
  }

  @Test
  void refusesASingleValueGivenTwiceAndUnparsableNumbersWhenRead() {
    ParsedArgs args = PARSER.parse("--topic", "a", "--topic", "b", "--batch-size", "big");
    assertThatThrownBy(() -> args.valueOf("topic"))
        .hasMessage("Found multiple arguments for option topic, but you asked for only one");
    assertThatThrownBy(() -> args.intValue("batch-size")).hasMessage("Cannot parse argument 'big' of option batch-size")
        .matches(e -> !((CommandLineException) e).showUsage(), "shows no usage");
    assertThat(PARSER.parse("--sync", "--sync").has("sync")).isTrue();
  }

  @Test
  void keyValueArgumentsSplitAtTheFirstEqualsAndAKeyAloneIsEmpty() {
    assertThat(KeyValueArgs.parse(List.of("a=1", "b", "c=x=y", "a=2", "d=", "=e")))
        .containsExactly(Map.entry("a", "2"), Map.entry("b", ""), Map.entry("c", "x=y"), Map.entry("d", ""),
            Map.entry("", "e"));
  }

  @Test
  void wrapsHelpTextToTheColumn() {
    assertThat(HelpPrinter.wrap("one two three four", 9, "  ")).containsExactly("one two", "  three", "  four");
  }
}
