package io.github.kswordcount.bench;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** The benchmark's command line (bench/run.sh fills it in), turned into {@link BenchSettings} once. */
final class BenchOptions {

  @Parameter(names = "--root", description = "The repository root, where the fat jars are", required = true)
  private String root;

  @Parameter(names = "--lines", description = "Lines of generated text, records of every run")
  private int lines = 1_000_000;

  @Parameter(names = "--runs", description = "Runs of each side of each pair, alternated, and of each ceiling")
  private int runs = 5;

  @Parameter(names = "--bench-classpath", description = "A file with the bench module's dependency class path",
      required = true)
  private String benchClassPath;

  @Parameter(names = "--kafka-classpath", description = "A file with the class path of Kafka's tools", required = true)
  private String kafkaClassPath;

  @Parameter(names = "--out", description = "Where benchmarks.md, benchmarks-table.md and benchmarks.png go "
      + "(default: <root>/docs)")
  private String out;

  @Parameter(names = "--command", description = "The command to name in the report (default: bench/run.sh LINES)")
  private String command;

  @Parameter(names = "--only", description = "Run only these pairs, comma-separated: producer, consumer, direct, "
      + "receiver (default: all). A partial run writes its report to bench/target/bench-only unless --out is given, "
      + "so docs/ keeps the full run's")
  private String only;

  @Parameter(names = "--keep-logs", description = "Keep the runs' stdout and stderr files after a successful run too")
  private boolean keepLogs;

  /**
   * Parses and validates a command line.
   *
   * @param args the arguments
   * @return the settings
   * @throws ParameterException on a bad or missing option, with the rule it breaks
   */
  static BenchSettings parse(String... args) {
    BenchOptions options = new BenchOptions();
    JCommander.newBuilder().addObject(options).expandAtSign(false).build().parse(args);
    return options.toSettings();
  }

  private BenchSettings toSettings() {
    if (lines < 1) {
      throw new ParameterException("--lines " + lines + " is invalid: give at least 1");
    }
    if (runs < 1) {
      throw new ParameterException("--runs " + runs + " is invalid: give at least 1");
    }
    Set<Pair> pairs = pairs(only);
    Path rootDir = Path.of(root).toAbsolutePath().normalize();
    for (String module : Pair.fatJars(pairs)) {
      Path jar = rootDir.resolve(module).resolve("target").resolve(module + ".jar");
      if (!Files.isRegularFile(jar)) {
        throw new ParameterException(jar + " is missing: run mvn -B package -DskipTests first");
      }
    }
    Path defaultOut = pairs.size() == Pair.values().length ? rootDir.resolve("docs")
        : rootDir.resolve("bench").resolve("target").resolve("bench-only");
    return new BenchSettings(rootDir, lines, runs, readClassPath(benchClassPath), readClassPath(kafkaClassPath),
        out == null ? defaultOut : Path.of(out).toAbsolutePath(),
        command == null ? "bench/run.sh " + lines : command, keepLogs, pairs);
  }

  /** {@code --only}'s pairs, in the table's order; every pair when it is not given. */
  static Set<Pair> pairs(String only) {
    if (only == null) {
      return EnumSet.allOf(Pair.class);
    }
    Set<Pair> pairs = EnumSet.noneOf(Pair.class);
    for (String name : only.split(",", -1)) {
      pairs.add(Pair.named(name.trim()).orElseThrow(() -> new ParameterException("--only '" + only
          + "' is invalid: give pairs from " + Pair.names() + ", comma-separated")));
    }
    return pairs;
  }

  private static String readClassPath(String file) {
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (java.io.IOException e) {
      throw new ParameterException("cannot read the class path file " + file + ": " + e.getMessage());
    }
  }
}
