package io.github.kswordcount.consolekit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorLineTest {

  @Test
  void joinsTheMessagesFromOutermostToRootCauseWithoutRepeatingOne() {
    IllegalStateException root = new IllegalStateException("Нет брокера");
    RuntimeException middle = new RuntimeException("java.lang.IllegalStateException: Нет брокера", root);
    RuntimeException outer = new RuntimeException("Failed to construct kafka consumer", middle);
    assertThat(ErrorLine.of(outer))
        .isEqualTo("Failed to construct kafka consumer: java.lang.IllegalStateException: Нет брокера");
  }

  @Test
  void namesAnExceptionWithoutMessageByItsClass() {
    assertThat(ErrorLine.of(new IllegalStateException(null, new ArithmeticException())))
        .isEqualTo("IllegalStateException: ArithmeticException");
  }

  @Test
  void aCompleteExceptionInTheChainIsTheWholeLine() {
    class Told extends RuntimeException {
      Told(String message) {
        super(message);
      }
    }
    RuntimeException wrapped = new RuntimeException("Job aborted due to stage failure: lost task 0\nDriver stacktrace:",
        new RuntimeException("io.github...Told: cannot write counts", new Told("cannot write counts to topic 'out'")));
    assertThat(ErrorLine.of(wrapped, Told.class)).isEqualTo("cannot write counts to topic 'out'");
    assertThat(ErrorLine.of(wrapped)).startsWith("Job aborted due to stage failure: lost task 0: ");
    assertThat(ErrorLine.of(new RuntimeException("first\nsecond"))).isEqualTo("first");
  }
}
