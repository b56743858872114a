package io.github.kswordcount.consumer;

import io.github.kswordcount.consolekit.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;
import org.apache.kafka.common.header.Header;

/**
 * {@code --format}: each record printed by a pattern, as kcat's {@code -f}: {@code %t} topic, {@code %p} partition,
 * {@code %o} offset, {@code %T} timestamp (ms, -1 for none), {@code %k} key, {@code %s} value, {@code %h} headers
 * ({@code k=v,k2=v2}; a null value prints its key alone), {@code %%} a percent sign; {@code \n}, {@code \t},
 * {@code \r} and {@code \\} escapes. Keys, values and header values are written as their bytes; a null key or value
 * prints nothing (kcat without {@code -Z}).
 */
public final class PatternFormatter implements MessageFormatter {

  /** The formatter property that carries the pattern. */
  static final String PATTERN_CONFIG = "pattern";

  private static final String FIELDS = "fields %t %p %o %T %k %s %h and %%, escapes \\n \\t \\r \\\\";

  /** One piece of the pattern: text, or a field of the record. */
  private sealed interface Part permits Text, Field {}

  private record Text(byte[] bytes) implements Part {}

  private record Field(char name) implements Part {}

  private List<Part> parts = List.of();

  /**
   * Checks a pattern before the tool starts.
   *
   * @param pattern the {@code --format} value
   * @throws UsageException naming the first unknown field or escape
   */
  static void check(String pattern) {
    parse(pattern);
  }

  @Override
  public void configure(Map<String, ?> configs) {
    parts = parse(String.valueOf(configs.get(PATTERN_CONFIG)));
  }

  private static List<Part> parse(String pattern) {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%' && c != '\\') {
        text.append(c);
        continue;
      }
      if (i + 1 == pattern.length()) {
        throw refused(pattern, "it ends with a lone " + c);
      }
      char next = pattern.charAt(++i);
      if (c == '\\') {
        text.append(escape(pattern, next));
      } else if (next == '%') {
        text.append('%');
      } else if ("tpoTksh".indexOf(next) >= 0) {
        flush(text, parts);
        parts.add(new Field(next));
      } else {
        throw refused(pattern, "%" + next + " is not a field");
      }
    }
    flush(text, parts);
    return List.copyOf(parts);
  }

  private static char escape(String pattern, char c) {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '\\':
        return '\\';
      default:
        throw refused(pattern, "\\" + c + " is not an escape");
    }
  }

  private static UsageException refused(String pattern, String why) {
    return UsageException.alone("--format '" + pattern + "': " + why + " (" + FIELDS + ")");
  }

  private static void flush(StringBuilder text, List<Part> parts) {
    if (text.length() > 0) {
      parts.add(new Text(text.toString().getBytes(StandardCharsets.UTF_8)));
      text.setLength(0);
    }
  }

  @Override
  public void writeTo(ConsumerRecord<byte[], byte[]> record, PrintStream output) {
    for (Part part : parts) {
      if (part instanceof Text text) {
        output.write(text.bytes(), 0, text.bytes().length);
      } else {
        writeField(((Field) part).name(), record, output);
      }
    }
  }

  private static void writeField(char name, ConsumerRecord<byte[], byte[]> record, PrintStream output) {
    switch (name) {
      case 't' -> text(record.topic(), output);
      case 'p' -> text(Integer.toString(record.partition()), output);
      case 'o' -> text(Long.toString(record.offset()), output);
      case 'T' -> text(Long.toString(record.timestamp()), output);
      case 'k' -> bytes(record.key(), output);
      case 's' -> bytes(record.value(), output);
      default -> headers(record, output);
    }
  }

  private static void headers(ConsumerRecord<byte[], byte[]> record, PrintStream output) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (Header header : record.headers()) {
      if (joined.size() > 0) {
        joined.write(',');
      }
      joined.writeBytes(header.key().getBytes(StandardCharsets.UTF_8));
      if (header.value() != null) {
        joined.write('=');
        joined.writeBytes(header.value());
      }
    }
    output.write(joined.toByteArray(), 0, joined.size());
  }

  private static void text(String text, PrintStream output) {
    bytes(text.getBytes(StandardCharsets.UTF_8), output);
  }

  private static void bytes(byte[] bytes, PrintStream output) {
    if (bytes != null) {
      output.write(bytes, 0, bytes.length);
    }
  }
}
