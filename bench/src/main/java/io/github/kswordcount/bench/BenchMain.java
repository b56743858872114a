package io.github.kswordcount.bench;

import com.beust.jcommander.ParameterException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The end-to-end speed benchmark ({@code bench/run.sh [lines]}): one text file, one local-kafka broker, our tools
 * and jobs against Kafka's tools and the lab's job side by side, then {@code docs/benchmarks.md},
 * {@code docs/benchmarks-table.md} and {@code docs/benchmarks.png}. The table goes to stdout, progress to stderr.
 */
public final class BenchMain {

  private static final long SEED = 42;
  private static final Duration BROKER_READY = Duration.ofSeconds(120);

  private BenchMain() {}

  /**
   * Runs the benchmark and exits with its status.
   *
   * @param args see {@link BenchOptions}
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the benchmark.
   *
   * @param args see {@link BenchOptions}
   * @param out where the table goes
   * @param err where progress and the {@code error:} line go
   * @return 0, 1 when a run failed, 2 for a bad command line
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    BenchSettings settings;
    try {
      settings = BenchOptions.parse(args);
    } catch (ParameterException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    Path work = null;
    Thread interrupted = null;
    try {
      work = Files.createTempDirectory("kswc-bench");
      interrupted = onInterrupt(work);
      Report report = measure(settings, work, err);
      write(report, settings.outDir());
      if (settings.pairs().equals(EnumSet.allOf(Pair.class))) {
        updateReadme(settings.root().resolve("README.md"), MarkdownReport.table(report.rows()));
      }
      out.print(MarkdownReport.table(report.rows()));
      err.println("Wrote " + settings.outDir().resolve("benchmarks.md") + ", benchmarks-table.md and "
          + MarkdownReport.CHART);
      if (settings.keepLogs()) {
        err.println("Logs kept in " + work.resolve("logs"));
      }
      deleteTree(work, settings.keepLogs());
      return 0;
    } catch (BenchFailure e) {
      err.println("error: " + e.getMessage() + (work == null ? "" : " (logs in " + work.resolve("logs") + ")"));
      deleteTree(work, true);
      return 1;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      deleteTree(work, true);
      return 1;
    } catch (RuntimeException e) {
      // A bug, or output this benchmark cannot read: the stack trace, then the one line.
      e.printStackTrace(err);
      err.println("error: " + e + (work == null ? "" : " (logs in " + work.resolve("logs") + ")"));
      deleteTree(work, true);
      return 1;
    } finally {
      if (interrupted != null) {
        Runtime.getRuntime().removeShutdownHook(interrupted);
      }
    }
  }

  /** Ctrl-C or SIGTERM: no broker or job the benchmark started may outlive it, nor its data. */
  private static Thread onInterrupt(Path work) {
    Thread hook = new Thread(() -> {
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
      deleteTree(work, true);
    }, "kill-children");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static Report measure(BenchSettings settings, Path work, PrintStream err) throws IOException {
    long start = System.nanoTime();
    String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
        .format(ZonedDateTime.now(ZoneOffset.UTC));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Machine machine = Machine.describe(java);
    Commands commands = new Commands(java, settings.root(), settings.labClassPath(), settings.kafkaClassPath(),
        sparkJvmFlags());
    Path text = work.resolve("lines.txt");
    err.println("Writing " + Stats.grouped(settings.lines()) + " lines to " + text + " ...");
    long bytes = EnglishText.write(text, settings.lines(), SEED);
    err.println("Starting local-kafka ...");
    try (Broker broker = Broker.start(commands.localKafka(work.resolve("kafka-data"), Suite.SHARED_TOPIC),
        work.resolve("logs").resolve("local-kafka.log"), BROKER_READY);
        BenchTopics topics = new BenchTopics(broker.bootstrapServers())) {
      err.println("Kafka is ready at " + broker.bootstrapServers() + "; writing the lines to topic '"
          + Suite.SHARED_TOPIC + "' ...");
      topics.fill(Suite.SHARED_TOPIC, text);
      long written = topics.records(Suite.SHARED_TOPIC);
      if (written != settings.lines()) {
        throw new BenchFailure("topic '" + Suite.SHARED_TOPIC + "' holds " + written + " records, not "
            + settings.lines());
      }
      if (settings.pairs().contains(Pair.DIRECT)) {
        err.println("Writing the lines " + Suite.BACKLOG_BATCHES + " times to topic '" + Suite.BACKLOG_TOPIC
            + "', the direct jobs' backlog ...");
        topics.create(Suite.BACKLOG_TOPIC);
        for (int copy = 0; copy < Suite.BACKLOG_BATCHES; copy++) {
          topics.fill(Suite.BACKLOG_TOPIC, text);
        }
        long backlog = topics.records(Suite.BACKLOG_TOPIC);
        if (backlog != settings.lines() * Suite.BACKLOG_BATCHES) {
          throw new BenchFailure("topic '" + Suite.BACKLOG_TOPIC + "' holds " + backlog + " records, not "
              + settings.lines() * Suite.BACKLOG_BATCHES);
        }
      }
      topics.prepareGroups(Suite.SHARED_TOPIC);
      List<Comparison> rows = new Suite(new ProcessRunner(work.resolve("logs")), commands, topics,
          broker.bootstrapServers(), text, settings.lines(), settings.runs(), work, err).run(settings.pairs());
      long brokerRss = PeakRss.kilobytes(broker.pid());
      return new Report(rows, settings.lines(), bytes, settings.runs(), settings.command(), date,
          commit(settings.root()), machine, Machine.loadAverage(), brokerRss,
          settings.kafkaClassPath().split(File.pathSeparator).length, (System.nanoTime() - start) / 1_000_000_000L);
    }
  }

  /** The {@code --add-opens} this JVM was given (bench/run.sh takes them from the root pom): the lab job's. */
  private static List<String> sparkJvmFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(arg -> arg.startsWith("--add-opens")).toList();
  }

  private static void write(Report report, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    Files.writeString(outDir.resolve("benchmarks.md"), MarkdownReport.document(report), StandardCharsets.UTF_8);
    Files.writeString(outDir.resolve("benchmarks-table.md"), MarkdownReport.table(report.rows()),
        StandardCharsets.UTF_8);
    Charts.write(report.rows(), report.lines(), outDir.resolve(MarkdownReport.CHART));
  }

  static final String README_BEGIN = "<!-- bench/run.sh writes the table below; do not edit it by hand -->";
  static final String README_END = "<!-- end of bench/run.sh's table -->";

  /** Replaces the README's measured table, between its two markers, with a full run's. */
  static void updateReadme(Path readme, String table) throws IOException {
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int begin = text.indexOf(README_BEGIN);
    int end = text.indexOf(README_END);
    if (begin < 0 || end < begin) {
      throw new IOException(readme + " has lost the markers around its measured table: " + README_BEGIN);
    }
    Files.writeString(readme, text.substring(0, begin + README_BEGIN.length()) + "\n" + table
        + text.substring(end), StandardCharsets.UTF_8);
  }

  private static String commit(Path root) {
    try {
      Process git = new ProcessBuilder("git", "-C", root.toString(), "describe", "--always", "--dirty")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String described = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      boolean done = git.waitFor(30, TimeUnit.SECONDS);
      return done && git.exitValue() == 0 && !described.isEmpty() ? described : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** Deletes the work dir; after a failure keeps its logs, which the error line points to. */
  private static void deleteTree(Path work, boolean keepLogs) {
    if (work == null || !Files.exists(work)) {
      return;
    }
    Path logs = work.resolve("logs");
    try (Stream<Path> paths = Files.walk(work)) {
      paths.sorted(Comparator.reverseOrder()).filter(path -> !(keepLogs && (path.startsWith(logs) || path.equals(work))))
          .forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Best effort: the work dir is under the temp dir.
    }
  }
}
