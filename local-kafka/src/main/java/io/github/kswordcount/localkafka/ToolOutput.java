package io.github.kswordcount.localkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * One standard stream of a {@link KafkaTool} run, line by line: bytes written once the tool has exited are
 * dropped, and so are stack traces (their frames, causes and the exception's own line before them).
 */
final class ToolOutput extends OutputStream {
  private static final Pattern FRAME = Pattern.compile("\\s+(at \\S.*|\\.\\.\\. \\d+ more)|\\s*(Caused by|Suppressed): .*");
  private static final Pattern THROWABLE =
      Pattern.compile("(Exception in thread \".*\" )?([\\w$]+\\.)+[\\w$]*(Exception|Error|Throwable)(: .*)?");

  private final PrintStream target;
  private final BooleanSupplier exited;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  /** A line that may be the first of a stack trace: printed only if no frame follows. */
  private byte[] held;

  ToolOutput(PrintStream target, BooleanSupplier exited) {
    this.target = target;
    this.exited = exited;
  }

  @Override
  public synchronized void write(int b) {
    if (exited.getAsBoolean()) {
      return;
    }
    line.write(b);
    if (b == '\n') {
      endLine();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  @Override
  public synchronized void flush() {
    target.flush();
  }

  /** Prints what is still held or unfinished: the run is over. */
  synchronized void finish() {
    release();
    target.write(line.toByteArray(), 0, line.size());
    line.reset();
    target.flush();
  }

  private void endLine() {
    byte[] bytes = line.toByteArray();
    line.reset();
    String text = new String(bytes, StandardCharsets.UTF_8).stripTrailing();
    if (FRAME.matcher(text).matches()) {
      held = null;
      return;
    }
    release();
    if (THROWABLE.matcher(text).matches()) {
      held = bytes;
    } else {
      target.write(bytes, 0, bytes.length);
    }
  }

  private void release() {
    if (held != null) {
      target.write(held, 0, held.length);
      held = null;
    }
  }

  @Override
  public void close() throws IOException {
    finish();
  }
}
