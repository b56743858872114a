package io.github.kswordcount.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What core is: a library with a small public API, no command-line library and nothing of the jobs. */
class CoreArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.github.kswordcount.core");

  /** The API a team imports; a change here is a change of the library's contract, made on purpose. */
  private static final Set<String> API = Set.of(
      "io.github.kswordcount.core.DirectWordCount",
      "io.github.kswordcount.core.ReceiverWordCount",
      "io.github.kswordcount.core.WordCountBuilder",
      "io.github.kswordcount.core.WordCountRun",
      "io.github.kswordcount.core.Counting",
      "io.github.kswordcount.core.CountsSink",
      "io.github.kswordcount.core.DirectOffsets",
      "io.github.kswordcount.core.count.WordCounts",
      "io.github.kswordcount.core.text.Tokenizer",
      "io.github.kswordcount.core.text.Tokenizers",
      "io.github.kswordcount.core.text.TokenSink",
      "io.github.kswordcount.core.text.ValueExtractor",
      "io.github.kswordcount.core.text.RecordDecoding",
      "io.github.kswordcount.core.kafka.Topics",
      "io.github.kswordcount.core.kafka.KafkaCallException");

  @Test
  void thePublicTopLevelTypesOutsideInternalAreTheApiAndAtMost15() {
    Set<String> exposed = CORE.stream()
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC) && c.isTopLevelClass())
        .map(JavaClass::getName)
        .filter(name -> !name.contains(".internal."))
        .collect(Collectors.toSet());
    assertThat(exposed).isEqualTo(API);
    assertThat(exposed).hasSizeLessThanOrEqualTo(15);
  }

  @Test
  void noPublicSignatureOfTheApiNamesAnInternalType() {
    List<String> leaks = CORE.stream()
        .filter(c -> API.contains(c.isTopLevelClass() ? c.getName() : topLevelOf(c).getName()))
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .flatMap(c -> c.getCodeUnits().stream())
        .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC)
            || m.getModifiers().contains(JavaModifier.PROTECTED))
        .filter(m -> Stream.concat(m.getRawParameterTypes().stream(), Stream.of(m.getRawReturnType()))
            .anyMatch(t -> t.getName().startsWith("io.github.kswordcount.core.internal.")))
        .map(JavaCodeUnit::getFullName)
        .sorted()
        .collect(Collectors.toList());
    assertThat(leaks).isEmpty();
  }

  private static JavaClass topLevelOf(JavaClass c) {
    JavaClass outer = c;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer;
  }

  @Test
  void coreUsesNoCommandLineLibraryNoConsoleKitAndNothingOfTheJobs() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("com.beust..", "joptsimple..",
        "io.github.kswordcount.consolekit..", "io.github.kswordcount.jobframe..", "io.github.kswordcount.direct..",
        "io.github.kswordcount.receiverapp..").check(CORE);
  }
}
