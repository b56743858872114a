package io.github.kswordcount.bench;

import java.util.List;

/**
 * Everything {@code docs/benchmarks.md} says.
 *
 * @param rows the table's rows
 * @param lines lines of the text file
 * @param bytes its size
 * @param runs runs of each side of each pair (and of each ceiling)
 * @param command the command that ran the benchmark
 * @param date when it started, e.g. {@code 2026-12-02 07:10 UTC}
 * @param commit the repository's commit, e.g. {@code 31dbf93} or {@code 31dbf93-dirty}
 * @param machine the machine
 * @param loadAtEnd the load averages when it ended
 * @param brokerPeakRssKb the broker's peak resident set, KiB (-1 when unknown)
 * @param kafkaJars jars on the class path of Kafka's tools
 * @param elapsedSeconds how long the whole benchmark took
 */
record Report(List<Comparison> rows, long lines, long bytes, int runs, String command, String date, String commit,
    Machine machine, String loadAtEnd, long brokerPeakRssKb, int kafkaJars, long elapsedSeconds) {}
