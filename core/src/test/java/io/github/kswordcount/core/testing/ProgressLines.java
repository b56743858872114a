package io.github.kswordcount.core.testing;

import java.util.List;

/** Reading a job's progress lines on stderr ({@code batch time=... records=N ...}) in tests. */
public final class ProgressLines {

  private ProgressLines() {}

  /**
   * How many batches counted records so far.
   *
   * @param stderr the job's stderr lines
   * @return the number of {@code batch} lines without {@code records=0}
   */
  public static long batchesWithRecords(List<String> stderr) {
    return stderr.stream().filter(line -> line.startsWith("batch ") && !line.contains(" records=0 ")).count();
  }

  /**
   * The {@code records=} of every batch line so far, in order.
   *
   * @param stderr the job's stderr lines
   * @return the records of each batch
   */
  public static List<Long> recordsPerBatch(List<String> stderr) {
    return stderr.stream().filter(line -> line.startsWith("batch time="))
        .map(line -> Long.parseLong(line.replaceAll(".* records=(\\d+) .*", "$1"))).toList();
  }

  /**
   * The {@code lag=} of every batch line so far, in order ({@code -1} for {@code lag=?}).
   *
   * @param stderr the job's stderr lines
   * @return the lag shown after each batch
   */
  public static List<Long> lagPerBatch(List<String> stderr) {
    return stderr.stream().filter(line -> line.startsWith("batch time=")).map(ProgressLines::lag).toList();
  }

  /**
   * The {@code lag=} of the {@code summary} line.
   *
   * @param stderr the job's stderr lines
   * @return the lag at the end ({@code -1} for {@code lag=?})
   * @throws IllegalStateException when there is no summary line
   */
  public static long summaryLag(List<String> stderr) {
    return stderr.stream().filter(line -> line.startsWith("summary ")).map(ProgressLines::lag).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalStateException("no summary line in " + stderr));
  }

  private static long lag(String line) {
    String lag = line.replaceAll(".* lag=(\\S+).*", "$1");
    return lag.equals("?") ? -1 : Long.parseLong(lag);
  }
}
