package io.github.kswordcount.consumer;

import java.io.PrintStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;

/** Prints nothing: for counting records or measuring consumption ({@code NoOpMessageFormatter}). */
public final class NoOpFormatter implements MessageFormatter {

  @Override
  public void writeTo(ConsumerRecord<byte[], byte[]> consumerRecord, PrintStream output) {
    // Deliberately nothing.
  }
}
