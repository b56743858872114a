package io.github.kswordcount.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntSupplier;

/** Runs a job in this JVM that Kafka refuses, and checks it ends the way the README promises. */
public final class Refusal {

  private Refusal() {}

  /**
   * Runs the job: exit 1 within 30 s, exactly one {@code error:} line on stderr and no stack trace; prints
   * what happened and how long it took, for the notes.
   *
   * @param what the refusal, for the printout
   * @param stderr where the job writes its stderr
   * @param job runs the job and returns its exit status
   * @return the error line
   */
  public static String of(String what, ByteArrayOutputStream stderr, IntSupplier job) {
    long started = System.nanoTime();
    int status = job.getAsInt();
    long ms = (System.nanoTime() - started) / 1_000_000;
    String err = stderr.toString(StandardCharsets.UTF_8);
    List<String> errors = err.lines().filter(l -> l.startsWith("error: ")).toList();
    System.err.println(what + ": exit " + status + " after " + ms + " ms: " + errors);
    assertThat(status).as(err).isEqualTo(1);
    assertThat(ms).as(err).isLessThan(30_000);
    assertThat(errors).as(err).hasSize(1);
    assertThat(err).doesNotContain("\tat ");
    return errors.get(0);
  }
}
