package io.github.kswordcount.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's peak resident set so far: {@code VmHWM} in {@code /proc/<pid>/status}. */
final class PeakRss {

  private PeakRss() {}

  /**
   * Reads {@code VmHWM} of a live process.
   *
   * @param pid the process
   * @return the peak in KiB, or -1 when the process is gone (or has no memory left, as a zombie)
   */
  static long kilobytes(long pid) {
    try {
      return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Finds {@code VmHWM:   123456 kB} in the text of a status file.
   *
   * @param status the file's text
   * @return the value in KiB, or -1 when the line is missing
   */
  static long parse(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
      }
    }
    return -1;
  }
}
