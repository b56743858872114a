package io.github.kswordcount.producer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Reads records from lines as Kafka 3.9.2's {@code ConsoleProducer$LineMessageReader} does: same
 * splitting, same null marker rules, same errors naming the line. See {@link LineFormat} for the format.
 */
public final class LineReader implements RecordSource {

  private static final int BUFFER_SIZE = 1 << 16;

  private final LineSplitter lines;
  private final LineFormat format;
  private final Pattern headersSeparator;
  private final byte[] nullMarkerBytes;
  private final PrintStream prompt;
  private long lineNumber;

  /**
   * Creates a reader.
   *
   * @param in the input, read as UTF-8
   * @param format how lines become records
   * @param prompt where to print {@code >} before each read (Kafka does when on a terminal), or {@code null}
   */
  public LineReader(InputStream in, LineFormat format, PrintStream prompt) {
    this.lines = new LineSplitter(in, BUFFER_SIZE);
    this.format = format;
    this.headersSeparator = Pattern.compile(format.headersSeparator());
    this.nullMarkerBytes = format.nullMarker() == null ? null : format.nullMarker().getBytes(StandardCharsets.UTF_8);
    this.prompt = prompt;
  }

  @Override
  public ProducerRecord<byte[], byte[]> next() throws IOException {
    lineNumber++;
    if (prompt != null) {
      prompt.print(">");
      prompt.flush();
    }
    byte[] line = lines.next();
    if (line == null) {
      return null;
    }
    if (format.isPlain()) {
      // The common case without decoding: the bytes are already what Kafka's String.getBytes gives.
      byte[] value = Arrays.equals(line, nullMarkerBytes) ? null : line;
      return new ProducerRecord<>(format.topic(), null, value);
    }
    return parse(new String(line, StandardCharsets.UTF_8));
  }

  @Override
  public long position() {
    return lineNumber;
  }

  @Override
  public String unit() {
    return "line";
  }

  @Override
  public void stopReading() {
    lines.stop();
  }

  @Override
  public boolean waitingForInput() {
    return lines.waitingForInput();
  }

  @Override
  public void close() {
    // The input belongs to the caller.
  }

  private ProducerRecord<byte[], byte[]> parse(String line) {
    String headers = split(format.parseHeaders(), line, 0, format.headersDelimiter(), "headers delimiter");
    int headerOffset = headers == null ? 0 : headers.length() + format.headersDelimiter().length();
    String key = split(format.parseKey(), line, headerOffset, format.keySeparator(), "key separator");
    int keyOffset = key == null ? 0 : key.length() + format.keySeparator().length();
    String value = line.substring(headerOffset + keyOffset);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(format.topic(), bytesOrNull(key), bytesOrNull(value));
    if (headers != null && !headers.equals(format.nullMarker())) {
      addHeaders(record, headers);
    }
    return record;
  }

  private String split(boolean enabled, String line, int start, String demarcation, String name) {
    if (!enabled) {
      return null;
    }
    int index = line.indexOf(demarcation, start);
    if (index >= 0) {
      return line.substring(start, index);
    }
    if (format.ignoreError()) {
      return null;
    }
    throw new LineFormatException("No " + name + " found on line number " + lineNumber + ": '" + line + "'");
  }

  private void addHeaders(ProducerRecord<byte[], byte[]> record, String headers) {
    String keySeparator = format.headersKeySeparator();
    for (String pair : headersSeparator.split(headers)) {
      int i = pair.indexOf(keySeparator);
      if (i < 0) {
        if (!format.ignoreError()) {
          throw new LineFormatException(
              "No header key separator found in pair '" + pair + "' on line number " + lineNumber);
        }
        record.headers().add(pair, null);
        continue;
      }
      String headerKey = pair.substring(0, i);
      if (headerKey.equals(format.nullMarker())) {
        throw new LineFormatException("Header keys should not be equal to the null marker '" + format.nullMarker()
            + "' as they can't be null");
      }
      record.headers().add(headerKey, bytesOrNull(pair.substring(i + keySeparator.length())));
    }
  }

  private byte[] bytesOrNull(String text) {
    return text == null || text.equals(format.nullMarker()) ? null : text.getBytes(StandardCharsets.UTF_8);
  }
}
