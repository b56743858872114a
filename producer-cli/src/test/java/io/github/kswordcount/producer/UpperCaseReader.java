package io.github.kswordcount.producer;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.tools.api.RecordReader;

/** A user's {@code --line-reader}: each line upper-cased, to the configured topic. */
public class UpperCaseReader implements RecordReader {

  private String topic;

  @Override
  public void configure(Map<String, ?> configs) {
    topic = (String) configs.get("topic");
  }

  @Override
  public Iterator<ProducerRecord<byte[], byte[]>> readRecords(InputStream inputStream) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(inputStream, StandardCharsets.UTF_8));
    return reader.lines()
        .map(line -> line.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
        .map(value -> new ProducerRecord<byte[], byte[]>(topic, value))
        .iterator();
  }
}
