package io.github.kswordcount.consumer;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Standard output for records: buffered when it goes to a pipe or file (flushed when the consumer is about
 * to wait for records, and at exit), flushed after each record on a terminal. Kafka's tool flushes every
 * field, which costs two to four system calls per record.
 *
 * <p>A closed pipe is noticed when buffered bytes are written out, without flushing to ask.
 */
final class OutputSink {

  private static final int BUFFER_SIZE = 1 << 16;

  private final ErrorTrackingStream target;
  private final PrintStream stream;
  private final boolean terminal;

  /**
   * Wraps the tool's standard output.
   *
   * @param out the real output (usually {@code System.out})
   * @param terminal whether a person reads it as it comes
   */
  OutputSink(PrintStream out, boolean terminal) {
    this.target = new ErrorTrackingStream(out);
    this.stream = new PrintStream(new BufferedOutputStream(target, BUFFER_SIZE), false);
    this.terminal = terminal;
  }

  /**
   * The stream formatters write to.
   *
   * @return the buffered stream
   */
  PrintStream stream() {
    return stream;
  }

  /** Called after each record: a terminal sees it at once. */
  void recordWritten() {
    if (terminal) {
      stream.flush();
    }
  }

  /** Writes out what is buffered. */
  void flush() {
    stream.flush();
  }

  /**
   * Whether the output can no longer be written (e.g. the reader of the pipe went away).
   *
   * @return {@code true} after a failed write
   */
  boolean failed() {
    return target.failed;
  }

  /** Forwards to the real output and remembers when a write failed (PrintStream hides the exception). */
  private static final class ErrorTrackingStream extends OutputStream {
    private final PrintStream out;
    private boolean failed;

    ErrorTrackingStream(PrintStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      out.write(b);
      failed |= out.checkError();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      out.write(bytes, offset, length);
      failed |= out.checkError();
    }

    @Override
    public void flush() {
      out.flush();
      failed |= out.checkError();
    }
  }
}
