package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;

/** How a Kafka tool runs in this JVM: its exit status comes back, nothing after its exit, no stack trace. */
class KafkaToolTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void returnsTheFirstExitStatusAndPrintsNothingAfterIt() {
    int status = run(args -> {
      System.out.print("before\n");
      scala.Console.out().print("scala's println too\n");
      try {
        Exit.exit(3, "done");
      } catch (Throwable e) {
        // Kafka's tools catch Throwable around calls that exit; a process would have ended already.
        System.out.print("after\n");
        Exit.exit(1);
      }
    });

    assertThat(status).isEqualTo(3);
    assertThat(out()).isEqualTo("before\nscala's println too\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void leavesOutStackTracesAndKeepsTheRest() {
    int status = run(args -> {
      Exception failure = new IllegalStateException("outer", new IOException("inner"));
      System.out.println("Error: it failed");
      failure.printStackTrace();
      System.err.println("java.lang.IllegalStateException: a line that only looks like one");
      System.err.print("no newline at the end");
    });

    assertThat(status).isZero();
    assertThat(out()).isEqualTo("Error: it failed\n");
    assertThat(err()).isEqualTo("java.lang.IllegalStateException: a line that only looks like one\n"
        + "no newline at the end");
  }

  @Test
  void anExceptionOutOfMainIsOneErrorLineAndStatusOne() {
    int status = run(args -> {
      throw new IllegalArgumentException("bad is not a recognized option");
    });

    assertThat(status).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err()).isEqualTo("error: bad is not a recognized option\n");
  }

  @Test
  void kafkaTopicsHelpIsKafkasUsageOnStderrAndStatusOne() {
    int status = LocalKafkaMain.run(new String[] {"topics", "--help"}, new PrintStream(out, true,
        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(1));

    assertThat(status).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err()).startsWith("This tool helps to create, delete, describe, or change a topic.\n")
        .contains("--bootstrap-server <String: server to", "--command-config <String: command");
  }

  private int run(KafkaTool.Main main) {
    return KafkaTool.run(main, new String[0], new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
