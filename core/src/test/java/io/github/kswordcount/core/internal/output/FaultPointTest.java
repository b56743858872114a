package io.github.kswordcount.core.internal.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPointTest {

  @Test
  void noPropertyArmsNothing() {
    assertThat(FaultPoint.parse(null)).isNull();
    assertThat(FaultPoint.parse("")).isNull();
  }

  @Test
  void afterOutputIsDueAtTheNthBatchWithRecordsOnly() {
    FaultPoint fault = FaultPoint.parse("after-output:2");
    List<Boolean> due = new ArrayList<>();
    for (boolean withRecords : new boolean[] {false, true, false, true, true}) {
      due.add(fault.due(withRecords));
    }
    assertThat(due).containsExactly(false, false, false, true, false);
    assertThat(fault.line()).isEqualTo("fault kswc.fault=after-output:2: halting the JVM after the output of batch"
        + " with records #2, before its commit");
  }

  @Test
  void beforeOutputSaysItHaltsInsideTheBatch() {
    FaultPoint fault = FaultPoint.parse("before-output:3");
    assertThat(fault.due(true)).isFalse();
    assertThat(fault.toString()).isEqualTo("before-output:3");
    assertThat(fault.line()).isEqualTo("fault kswc.fault=before-output:3: halting the JVM inside batch with records #3,"
        + " before its output");
  }

  @Test
  void aValueThatIsNotAfterOutputNIsRefusedWithTheRule() {
    for (String value : List.of("after-output:0", "after-output:-1", "after-output:", "after-output:two",
        "before-commit:2", "AFTER-OUTPUT:2", "before-output:0")) {
      assertThatThrownBy(() -> FaultPoint.parse(value)).as(value).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("-Dkswc.fault '" + value + "' is invalid: use 'after-output:N' or 'before-output:N' with N >= 1");
    }
  }
}
