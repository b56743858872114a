package io.github.kswordcount.producer;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a line becomes a record: the reader properties of Kafka's {@code LineMessageReader}, with its defaults
 * and its start-up checks.
 *
 * <p>A line is {@code headers<headers.delimiter>key<key.separator>value} where the headers part is present
 * with {@code parse.headers=true} and the key part with {@code parse.key=true}; the value is the rest of the
 * line. Headers are {@code k1:v1,k2:v2} with {@code headers.separator} used as a regular expression, as
 * Kafka does.
 *
 * @param topic where records go (the reader's {@code topic} property)
 * @param parseKey {@code parse.key}, default false
 * @param keySeparator {@code key.separator}, default tab
 * @param parseHeaders {@code parse.headers}, default false
 * @param headersDelimiter {@code headers.delimiter}, default tab
 * @param headersSeparator {@code headers.separator}, default {@code ,}
 * @param headersKeySeparator {@code headers.key.separator}, default {@code :}
 * @param ignoreError {@code ignore.error}, default false: a line that does not match is then sent with a
 *     null key or without headers instead of stopping the tool
 * @param nullMarker {@code null.marker}, or {@code null} when unset: a key, value, header value or header
 *     block equal to it is sent as null
 */
public record LineFormat(String topic, boolean parseKey, String keySeparator, boolean parseHeaders,
    String headersDelimiter, String headersSeparator, String headersKeySeparator, boolean ignoreError,
    String nullMarker) {

  /** Checks the separators as Kafka's reader does at start, in the same order and with the same messages. */
  public LineFormat {
    Objects.requireNonNull(topic, "topic");
    refuseEqual(headersDelimiter, headersSeparator, "headers.delimiter and headers.separator");
    refuseEqual(headersDelimiter, headersKeySeparator, "headers.delimiter and headers.key.separator");
    refuseEqual(headersSeparator, headersKeySeparator, "headers.separator and headers.key.separator");
    refuseEqual(nullMarker, keySeparator, "null.marker and key.separator");
    refuseEqual(nullMarker, headersSeparator, "null.marker and headers.separator");
    refuseEqual(nullMarker, headersDelimiter, "null.marker and headers.delimiter");
    refuseEqual(nullMarker, headersKeySeparator, "null.marker and headers.key.separator");
  }

  /**
   * Reads the properties Kafka's reader reads; others are ignored.
   *
   * @param props the reader properties, with {@code topic}
   * @return the format
   * @throws IllegalArgumentException with Kafka's message when two separators are equal or
   *     {@code headers.separator} is not a regular expression
   */
  public static LineFormat fromProperties(Map<String, String> props) {
    String headersSeparator = props.getOrDefault("headers.separator", ",");
    try {
      Pattern.compile(headersSeparator);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("headers.separator '" + headersSeparator + "' is not a regular expression: "
          + e.getDescription(), e);
    }
    return new LineFormat(
        props.get("topic"),
        bool(props.get("parse.key")),
        props.getOrDefault("key.separator", "\t"),
        bool(props.get("parse.headers")),
        props.getOrDefault("headers.delimiter", "\t"),
        headersSeparator,
        props.getOrDefault("headers.key.separator", ":"),
        bool(props.get("ignore.error")),
        props.get("null.marker"));
  }

  /**
   * The defaults, for a topic.
   *
   * @param topic where records go
   * @return the format of plain lines
   */
  public static LineFormat plain(String topic) {
    return fromProperties(Map.of("topic", topic));
  }

  /**
   * Whether a line is sent whole as the value: no key, no headers to split off.
   *
   * @return {@code true} for the default format
   */
  public boolean isPlain() {
    return !parseKey && !parseHeaders;
  }

  private static boolean bool(String value) {
    return value != null && value.trim().equalsIgnoreCase("true");
  }

  private static void refuseEqual(String a, String b, String what) {
    if (Objects.equals(a, b)) {
      throw new IllegalArgumentException(what + " may not be equal");
    }
  }
}
