package io.github.kswordcount.receiverapp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The job is a user of core's public API, as a team's job would be: it imports nothing internal. */
class ReceiverAppArchitectureTest {

  @Test
  void importsNoInternalPackageOfCore() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.github.kswordcount.core.internal..")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.kswordcount.receiverapp"));
  }
}
