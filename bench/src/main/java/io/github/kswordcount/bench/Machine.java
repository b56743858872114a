package io.github.kswordcount.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine a benchmark ran on, as the report states it.
 *
 * @param cores {@code nproc}
 * @param memoryKb {@code MemTotal} of {@code /proc/meminfo}
 * @param cpu the first {@code model name} of {@code /proc/cpuinfo}
 * @param os {@code os.name os.version}
 * @param javaVersion the lines {@code java -version} prints, for the JVM the benchmark runs
 * @param loadAtStart {@code /proc/loadavg}'s three load averages when the benchmark started
 */
record Machine(int cores, long memoryKb, String cpu, String os, List<String> javaVersion, String loadAtStart) {

  /**
   * Describes this machine.
   *
   * @param java the {@code java} launcher the children run with
   * @return the description; what cannot be read is {@code unknown}
   */
  static Machine describe(Path java) {
    return new Machine(Runtime.getRuntime().availableProcessors(), readMemoryKb(), readCpu(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"), javaVersion(java), loadAverage());
  }

  /**
   * The load averages over 1, 5 and 15 minutes.
   *
   * @return e.g. {@code 2.52 2.39 1.72}, or {@code unknown}
   */
  static String loadAverage() {
    String load = read("/proc/loadavg");
    String[] fields = load.split(" ");
    return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
  }

  private static long readMemoryKb() {
    for (String line : read("/proc/meminfo").split("\n")) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static String readCpu() {
    for (String line : read("/proc/cpuinfo").split("\n")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown";
  }

  private static List<String> javaVersion(Path java) {
    try {
      Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        ProcessRunner.kill(process);
      }
      return new String(out, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of("unknown (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("unknown (interrupted)");
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
