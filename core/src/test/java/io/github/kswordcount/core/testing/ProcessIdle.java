package io.github.kswordcount.core.testing;

import java.util.List;
import java.util.regex.Pattern;

/** Reads a job's progress lines (stderr) for the moment it has caught up: nothing left to count or commit. */
public final class ProcessIdle {
  private static final Pattern LAG_ZERO = Pattern.compile(" lag=0( |$)");

  private ProcessIdle() {}

  /**
   * Whether a batch without records reported lag 0 after a batch with records: every record read, output
   * and committed, and the job waiting for more.
   *
   * @param stderr the job's stderr lines so far
   * @return {@code true} once it has caught up
   */
  public static boolean caughtUp(List<String> stderr) {
    boolean counted = false;
    for (String line : stderr) {
      if (line.startsWith("batch ")) {
        if (!line.contains(" records=0 ")) {
          counted = true;
        } else if (counted && LAG_ZERO.matcher(line).find()) {
          return true;
        }
      }
    }
    return false;
  }
}
