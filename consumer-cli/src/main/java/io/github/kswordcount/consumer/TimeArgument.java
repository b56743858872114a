package io.github.kswordcount.consumer;

import io.github.kswordcount.consolekit.UsageException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A point in time on the command line ({@code --from-time}, {@code --to-time}): milliseconds since the epoch, as
 * kcat's {@code -o s@} takes it, or ISO-8601 with an offset or {@code Z}, so it never depends on the machine's
 * time zone.
 */
final class TimeArgument {

  private TimeArgument() {}

  /**
   * Parses a time.
   *
   * @param option the option, for the error line (e.g. {@code --from-time})
   * @param text what was given: {@code 1714557600000}, {@code 2024-05-01T10:00:00Z} or
   *     {@code 2024-05-01T12:00:00.250+02:00}
   * @return milliseconds since the epoch
   * @throws UsageException naming the value and the forms taken
   */
  static long parse(String option, String text) {
    String trimmed = text.trim();
    if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Long.parseLong(trimmed);
      } catch (NumberFormatException e) {
        // too large: reported below
      }
    } else {
      try {
        return OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        // reported below
      }
    }
    throw UsageException.alone(option + " '" + text + "' is not a time: give milliseconds since the epoch or "
        + "ISO-8601 with an offset, e.g. 2024-05-01T10:00:00Z or 2024-05-01T12:00:00+02:00");
  }
}
