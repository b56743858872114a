package io.github.kswordcount.receiverapp;

import io.github.kswordcount.core.testing.CapturedErr;
import io.github.kswordcount.core.testing.Corpus;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark, not a test (run by {@code bench/receiver-wal.sh}): receiver throughput with and without the
 * write-ahead log, on a local broker with a pre-filled 3-partition topic. Throughput is the records received
 * over the span of the (half-second) batches that had records; a first unmeasured run warms the JIT up.
 */
public final class ReceiverThroughputBench {

  private ReceiverThroughputBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args [lines [receivers]]
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int receivers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    try (LocalKafka kafka = LocalKafka.builder().topic("bench", 3).build().start()) {
      Corpus corpus = Corpus.generate(lines, 42);
      long start = System.nanoTime();
      KafkaIo.produceLines(kafka.bootstrapServers(), "bench", corpus.lines());
      System.out.printf(Locale.ROOT, "produced %d lines in %d ms%n", lines, (System.nanoTime() - start) / 1_000_000);
      for (String mode : List.of("warmup", "wal", "no-wal", "wal", "no-wal")) {
        Path checkpoint = Files.createTempDirectory("bench-checkpoint");
        CapturedErr err = new CapturedErr();
        List<String> common = List.of("--bootstrap-server", kafka.bootstrapServers(), "--topic", "bench",
            "--group", "bench-" + mode + "-" + System.nanoTime(), "--from-beginning", "--batch-seconds", "0.5",
            "--master", "local[" + (receivers + 2) + "]", "--receivers", Integer.toString(receivers),
            "--print", "0", "--stop-when-idle", "6", "--spark-conf", "spark.ui.enabled=false");
        List<String> walArgs = mode.equals("wal") ? List.of("--checkpoint-dir", checkpoint.toString())
            : List.of("--no-wal");
        String[] runArgs = java.util.stream.Stream.concat(common.stream(), walArgs.stream()).toArray(String[]::new);
        int status = err.run(ReceiverApp::run, runArgs);
        report(mode, receivers, status, err.text());
      }
    }
  }

  private static void report(String mode, int receivers, int status, String err) {
    if (status != 0) {
      System.out.println(mode + " failed: " + err);
      return;
    }
    List<long[]> batches = err.lines().filter(l -> l.startsWith("batch ") && !l.contains(" records=0 "))
        .map(l -> new long[] {field(l, "time"), field(l, "records")}).toList();
    long records = batches.stream().mapToLong(b -> b[1]).sum();
    long spanMs = batches.get(batches.size() - 1)[0] - batches.get(0)[0] + 500;
    System.out.printf(Locale.ROOT, "%-6s receivers=%d status=%d records=%d batches=%d span_ms=%d rate=%d/s%n",
        mode, receivers, status, records, batches.size(), spanMs, records * 1000 / spanMs);
  }

  private static long field(String line, String name) {
    return Long.parseLong(line.replaceAll(".*\\b" + name + "=(\\d+).*", "$1"));
  }
}
