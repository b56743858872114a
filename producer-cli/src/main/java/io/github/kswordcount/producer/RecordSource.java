package io.github.kswordcount.producer;

import java.io.IOException;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Where the records to send come from: our line reader, or a user's reader class. */
interface RecordSource extends AutoCloseable {

  /**
   * Reads the next record.
   *
   * @return the record, or {@code null} at end of input
   * @throws IOException when reading fails
   * @throws LineFormatException when a line does not match the format
   */
  ProducerRecord<byte[], byte[]> next() throws IOException;

  /**
   * Where the last record came from, for messages: its line number, 1-based.
   *
   * @return the position
   */
  long position();

  /**
   * What a position counts, for messages: {@code line} or {@code record}.
   *
   * @return the unit
   */
  String unit();

  /**
   * On Ctrl-C/SIGTERM: read no more input, but keep returning the complete lines already read (the bytes
   * already taken from standard input), then end as at end of input. A line cut by the buffer is dropped.
   */
  default void stopReading() {}

  /**
   * Whether {@link #next()} is blocked waiting for input with nothing complete buffered: then there is
   * nothing more to drain. A reader that cannot tell says {@code true}.
   *
   * @return {@code true} when nothing already read is left to return
   */
  default boolean waitingForInput() {
    return true;
  }

  @Override
  void close();
}
