package io.github.kswordcount.bench;

import java.nio.file.Path;
import java.util.Set;

/**
 * A benchmark's validated settings.
 *
 * @param root the repository root
 * @param lines lines of text, records of every run
 * @param runs runs of each side of each pair
 * @param benchClassPath the bench module's dependencies (its classes are added in front)
 * @param kafkaClassPath Kafka's tools and their dependencies
 * @param outDir where the report goes
 * @param command the command the report names
 * @param keepLogs whether to keep the runs' output files after a successful run (a failed one always keeps them)
 * @param pairs the pairs to measure ({@code --only}), every pair by default
 */
record BenchSettings(Path root, int lines, int runs, String benchClassPath, String kafkaClassPath, Path outDir,
    String command, boolean keepLogs, Set<Pair> pairs) {

  /**
   * The lab job's class path: the bench module's classes, then its dependencies.
   *
   * @return the class path
   */
  String labClassPath() {
    return root.resolve("bench").resolve("target").resolve("classes") + java.io.File.pathSeparator + benchClassPath;
  }
}
