package io.github.kswordcount.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputSinkTest {

  @Test
  void aPipeGetsNothingUntilTheConsumerWaitsOrExits() {
    ByteArrayOutputStream pipe = new ByteArrayOutputStream();
    OutputSink sink = new OutputSink(new PrintStream(pipe, true, StandardCharsets.UTF_8), false);
    sink.stream().write(new byte[] {'a', '\n'}, 0, 2);
    sink.recordWritten();
    assertThat(pipe.size()).isZero();
    sink.flush();
    assertThat(pipe.toString(StandardCharsets.UTF_8)).isEqualTo("a\n");
  }

  @Test
  void aTerminalSeesEachRecordAtOnce() {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    OutputSink sink = new OutputSink(new PrintStream(terminal, true, StandardCharsets.UTF_8), true);
    sink.stream().write(new byte[] {'a', '\n'}, 0, 2);
    sink.recordWritten();
    assertThat(terminal.toString(StandardCharsets.UTF_8)).isEqualTo("a\n");
  }

  @Test
  void noticesAClosedPipeWhenItWritesOut() {
    OutputStream closed = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    OutputSink sink = new OutputSink(new PrintStream(closed, true, StandardCharsets.UTF_8), false);
    sink.stream().write(new byte[] {'a'}, 0, 1);
    assertThat(sink.failed()).isFalse();
    sink.flush();
    assertThat(sink.failed()).isTrue();
  }
}
