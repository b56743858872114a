package io.github.kswordcount.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished child process.
 *
 * @param label what ran, e.g. {@code producer-cli #2}
 * @param exitCode its exit status
 * @param wallNanos from just before the start to the exit: JVM start included
 * @param peakRssKb the last {@code VmHWM} read while it ran (every 50 ms), or -1 when none could be read
 * @param stdoutLines the lines it wrote to stdout, when they were counted through a pipe (else -1)
 * @param stdout its stdout in a file, when not counted
 * @param stderr its stderr in a file
 */
record ChildRun(String label, int exitCode, long wallNanos, long peakRssKb, long stdoutLines, Path stdout,
    Path stderr) {

  /**
   * Its stdout lines, when it went to a file.
   *
   * @return the lines, decoded as UTF-8 (bad bytes replaced)
   */
  List<String> stdoutText() {
    return read(stdout);
  }

  /**
   * Its stderr lines.
   *
   * @return the lines, decoded as UTF-8 (bad bytes replaced)
   */
  List<String> stderrText() {
    return read(stderr);
  }

  /**
   * The last lines of its stderr, for an error message.
   *
   * @return up to three lines joined by {@code " | "}, or {@code (nothing on stderr)}
   */
  String stderrTail() {
    List<String> lines = stderrText().stream().filter(line -> !line.isBlank()).toList();
    return lines.isEmpty() ? "(nothing on stderr)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3),
        lines.size()));
  }

  private static List<String> read(Path file) {
    if (file == null || !Files.exists(file)) {
      return List.of();
    }
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
