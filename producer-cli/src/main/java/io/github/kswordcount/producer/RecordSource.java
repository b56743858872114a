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

  @Override
  void close();
}
