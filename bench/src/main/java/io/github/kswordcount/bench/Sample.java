package io.github.kswordcount.bench;

/**
 * One measured run.
 *
 * @param label what ran and which run, e.g. {@code producer-cli #2}
 * @param value the row's metric ({@link Metric}) for this run
 * @param wallNanos the process's wall time
 * @param peakRssKb its peak resident set in KiB, or -1 when unknown
 * @param note what else the run reported, for the list of every run
 */
record Sample(String label, double value, long wallNanos, long peakRssKb, String note) {}
