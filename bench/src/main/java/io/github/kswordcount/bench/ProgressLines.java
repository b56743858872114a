package io.github.kswordcount.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the jobs' progress lines on stderr, {@code batch time=... records=... processing_ms=...} and
 * {@code summary batches=... records=...}: what direct-app and receiver-app print, and what the lab's job prints
 * in the same format.
 */
final class ProgressLines {

  private ProgressLines() {}

  /**
   * What the batches that had records add up to.
   *
   * @param batches batches with at least one record
   * @param records their records
   * @param processingMs their processing time added up
   * @param firstTime the batch time of the first, in ms (0 when none)
   * @param lastTime the batch time of the last, in ms (0 when none)
   * @param summaryRecords the {@code records} of the {@code summary} line, or -1 when there was none
   */
  record Totals(int batches, long records, long processingMs, long firstTime, long lastTime, long summaryRecords) {

    /**
     * Records per second of processing time: how fast a job catches up with a backlog.
     *
     * @return the rate, or 0 without records
     */
    double processingRate() {
      return processingMs <= 0 ? 0 : records * 1000.0 / processingMs;
    }

    /**
     * Records per second from the first batch with records to the last one, each batch counted whole: a
     * receiver's rate, which receiving bounds, not processing.
     *
     * @param batchMs the batch interval
     * @return the rate, or 0 without records
     */
    double spanRate(long batchMs) {
      return batches == 0 ? 0 : records * 1000.0 / (lastTime - firstTime + batchMs);
    }
  }

  /**
   * One batch's progress line.
   *
   * @param time its batch time, ms
   * @param records its records
   * @param processingMs its processing time
   */
  record Batch(long time, long records, long processingMs) {

    /** Records per second of processing time (0 when it took no time). */
    double rate() {
      return processingMs <= 0 ? 0 : records * 1000.0 / processingMs;
    }
  }

  /**
   * The batches with records, in order: the first is the cold one (a fresh JVM), the later ones are warm.
   *
   * @param stderr a job's stderr lines
   * @return its batches with at least one record
   */
  static List<Batch> batches(List<String> stderr) {
    List<Batch> batches = new java.util.ArrayList<>();
    for (String line : stderr) {
      if (line.startsWith("batch ")) {
        Map<String, String> fields = fields(line);
        long records = number(fields, "records", line);
        if (records > 0) {
          batches.add(new Batch(number(fields, "time", line), records, number(fields, "processing_ms", line)));
        }
      }
    }
    return batches;
  }

  /**
   * The median rate of the warm batches: every batch after the first that holds at least half of {@code full}
   * records (the backlog's last batch holds what is left, too little for its rate to mean much).
   *
   * @param batches a run's batches with records
   * @param full the records of a full batch
   * @return the median rate, or 0 when no batch after the first is full enough
   */
  static double warmRate(List<Batch> batches, long full) {
    List<Double> rates = batches.stream().skip(1).filter(b -> b.records() * 2 >= full).map(Batch::rate).toList();
    return rates.isEmpty() ? 0 : Stats.median(rates);
  }

  /**
   * The {@code key=value} fields of one line, in order; words without {@code =} are left out.
   *
   * @param line e.g. {@code batch time=1 records=2 rate=2/s}
   * @return e.g. {@code {time=1, records=2, rate=2/s}}
   */
  static Map<String, String> fields(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String word : line.trim().split(" +")) {
      int equals = word.indexOf('=');
      if (equals > 0) {
        fields.put(word.substring(0, equals), word.substring(equals + 1));
      }
    }
    return fields;
  }

  /**
   * Adds up the batches with records among a job's stderr lines; other lines (logs) are skipped.
   *
   * @param stderr the lines
   * @return the totals
   */
  static Totals totals(List<String> stderr) {
    int batches = 0;
    long records = 0;
    long processingMs = 0;
    long first = 0;
    long last = 0;
    long summary = -1;
    for (String line : stderr) {
      if (line.startsWith("summary ")) {
        summary = number(fields(line), "records", line);
      } else if (line.startsWith("batch ")) {
        Map<String, String> fields = fields(line);
        long batchRecords = number(fields, "records", line);
        if (batchRecords > 0) {
          long time = number(fields, "time", line);
          first = batches == 0 ? time : first;
          last = time;
          batches++;
          records += batchRecords;
          processingMs += number(fields, "processing_ms", line);
        }
      }
    }
    return new Totals(batches, records, processingMs, first, last, summary);
  }

  private static long number(Map<String, String> fields, String key, String line) {
    String value = fields.get(key);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("no whole number " + key + "= in progress line '" + line + "'", e);
    }
  }
}
