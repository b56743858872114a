package io.github.kswordcount.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the results Kafka's ProducerPerformance and ConsumerPerformance print on stdout. */
final class PerfOutput {

  private static final Pattern PRODUCER = Pattern.compile("^(\\d+) records sent, ([0-9.]+) records/sec .*");

  private PerfOutput() {}

  /**
   * ProducerPerformance's final line, e.g.
   * {@code 20000 records sent, 61349.7 records/sec (3.63 MB/sec), 150.23 ms avg latency, 260.00 ms max latency, 158
   * ms 50th, ...} (progress lines every 5 s have no percentiles).
   *
   * @param records records sent
   * @param perSecond records per second, as the tool computed it
   */
  record Produced(long records, double perSecond) {}

  /**
   * ConsumerPerformance's result row.
   *
   * @param records {@code data.consumed.in.nMsg}
   * @param perSecond {@code nMsg.sec}: over the whole run, joining the group included
   * @param fetchPerSecond {@code fetch.nMsg.sec}: over the fetching alone
   */
  record Consumed(long records, double perSecond, double fetchPerSecond) {}

  /**
   * Finds ProducerPerformance's final line.
   *
   * @param stdout the tool's stdout lines
   * @return its figures
   */
  static Produced produced(List<String> stdout) {
    for (int i = stdout.size() - 1; i >= 0; i--) {
      Matcher m = PRODUCER.matcher(stdout.get(i));
      if (m.matches() && stdout.get(i).contains("50th")) {
        return new Produced(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)));
      }
    }
    throw new IllegalArgumentException("no final 'N records sent, R records/sec' line in ProducerPerformance's output: "
        + String.join(" | ", stdout));
  }

  /**
   * Finds ConsumerPerformance's header and the row after it.
   *
   * @param stdout the tool's stdout lines
   * @return its figures
   */
  static Consumed consumed(List<String> stdout) {
    for (int i = 0; i + 1 < stdout.size(); i++) {
      if (stdout.get(i).startsWith("start.time")) {
        List<String> names = List.of(stdout.get(i).split(",\\s*"));
        String[] values = stdout.get(i + 1).split(",\\s*");
        if (values.length == names.size()) {
          return new Consumed(Long.parseLong(values[names.indexOf("data.consumed.in.nMsg")]),
              Double.parseDouble(values[names.indexOf("nMsg.sec")]),
              Double.parseDouble(values[names.indexOf("fetch.nMsg.sec")]));
        }
      }
    }
    throw new IllegalArgumentException("no 'start.time, ...' header and row in ConsumerPerformance's output: "
        + String.join(" | ", stdout));
  }
}
