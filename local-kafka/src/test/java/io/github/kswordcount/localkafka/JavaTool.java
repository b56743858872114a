package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A tool or app run as its own JVM, as a user runs it, so that its {@code System.exit} ends only itself: our console
 * tools from their fat jars ({@link #jar(Path)}, built by {@code package} before failsafe runs), Kafka's from the test
 * class path ({@link #mainClass(String)}), our Spark jobs from theirs ({@link #app(Path)}). A run that outlives its
 * deadline is killed, and so is one still running when its {@link Running} closes.
 */
public final class JavaTool {

  /** Small, quick-starting JVMs: the machine has two cores and each case starts two tools. */
  private static final List<String> JVM_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-Dfile.encoding=UTF-8");

  /** The width of the option column in jopt-simple's usage layout (80 columns, 2 between them). */
  private static final int USAGE_OPTION_WIDTH = 39;

  /**
   * A Spark job's heap (the local master runs the driver and the executors in it), and C1 only: a test's job lives
   * seconds to minutes, where C2's compile threads cost more CPU than they win back on two cores.
   */
  private static final List<String> APP_JVM_FLAGS = List.of("-Xmx1g", "-XX:TieredStopAtLevel=1");

  private final List<String> jvmFlags;
  private final List<String> launch;
  /** The class-data sharing archive of the fat jar it runs, or null when it runs from a class path. */
  private final ClassArchive archive;

  private JavaTool(List<String> jvmFlags, List<String> launch) {
    this(jvmFlags, launch, null);
  }

  private JavaTool(List<String> jvmFlags, List<String> launch, ClassArchive archive) {
    this.jvmFlags = jvmFlags;
    this.launch = launch;
    this.archive = archive;
  }

  /**
   * A tool whose main class is on the test class path, e.g. Kafka's console tools as oracles:
   * {@code JavaTool.mainClass("kafka.tools.ConsoleProducer")}.
   *
   * @param className the fully qualified main class
   * @return the tool, run with {@code java -cp <test class path> className}
   */
  public static JavaTool mainClass(String className) {
    return new JavaTool(JVM_FLAGS, List.of("-cp", testClassPath(), className));
  }

  /**
   * A tool whose main class is on a class path of its own rather than the test's: e.g. Kafka 4's console tools, whose
   * Scala 2.13 and kafka-clients 4 cannot share a class path with Spark 3.5 and our kafka-clients 3.9:
   * {@code JavaTool.mainClass(kafka4ClassPath, "org.apache.kafka.tools.ConsoleProducer")}.
   *
   * @param classPath the class path, as {@code java -cp} takes it
   * @param className the fully qualified main class
   * @return the tool, run with {@code java -cp classPath className}
   */
  public static JavaTool mainClass(String classPath, String className) {
    return new JavaTool(JVM_FLAGS, List.of("-cp", classPath, className));
  }

  /**
   * A tool run from its jar, as users run it: {@code JavaTool.jar(Path.of("target", "producer-cli.jar"))}.
   *
   * @param jar the fat jar, absolute or relative to the module directory
   * @return the tool, run with {@code java -jar jar}
   */
  public static JavaTool jar(Path jar) {
    return new JavaTool(JVM_FLAGS, List.of("-jar", jar.toString()), new ClassArchive(jar));
  }

  /**
   * A Spark job run from its fat jar with a 1 GB heap: {@code JavaTool.app(Path.of("target", "direct-app.jar"))}.
   *
   * @param jar the fat jar, absolute or relative to the module directory
   * @return the app, run with {@code java -Xmx1g -jar jar}
   */
  public static JavaTool app(Path jar) {
    return new JavaTool(APP_JVM_FLAGS, List.of("-jar", jar.toAbsolutePath().toString()), new ClassArchive(jar));
  }

  /**
   * The same tool with other JVM options.
   *
   * @param options the options, in place of the defaults: e.g. {@code List.of("-Xmx768m", "-Dfault=x")}
   * @return the tool
   */
  public JavaTool jvmOptions(List<String> options) {
    return new JavaTool(List.copyOf(options), launch, archive);
  }

  /**
   * The same tool with more JVM options after its own.
   *
   * @param options e.g. {@code "-Dlog4j2.configurationFile=tools-log4j2.xml"}
   * @return the tool
   */
  public JavaTool addJvmOptions(String... options) {
    List<String> all = new ArrayList<>(jvmFlags);
    all.addAll(List.of(options));
    return new JavaTool(List.copyOf(all), launch, archive);
  }

  /**
   * The outcome of a finished run.
   *
   * @param exitCode the exit status
   * @param stdout the bytes written to standard output
   * @param stderr standard error, decoded as UTF-8
   */
  public record Result(int exitCode, byte[] stdout, String stderr) {

    /**
     * Standard output decoded as UTF-8.
     *
     * @return the text
     */
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * The {@code Processed a total of N messages} line a console consumer prints at exit.
     *
     * @return the line, or empty
     */
    public String processedLine() {
      return stderr.lines().filter(line -> line.startsWith("Processed a total")).findFirst().orElse("");
    }

    /**
     * Standard error without SLF4J's notes about the class path's bindings, which come from the test class path an
     * oracle runs on, not from its tool.
     *
     * @return the other lines, each ended by a newline
     */
    public String stderrWithoutSlf4jNotes() {
      return stderr.lines().filter(line -> !line.startsWith("SLF4J")).map(line -> line + "\n")
          .collect(Collectors.joining());
    }

    /**
     * The first line on stderr that is not SLF4J's note about the test class path's extra binding.
     *
     * @return the line, or empty
     */
    public String firstErrorLine() {
      return stderr.lines().filter(line -> !line.startsWith("SLF4J")).findFirst().orElse("");
    }

    /**
     * The option column of the usage on stderr, as jopt-simple lays it out for Kafka's tools (80 columns:
     * options in the first 39), without the descriptions, which each tool words its own way.
     *
     * @return the column's lines from the {@code Option} heading on, or empty when no usage was printed
     */
    public List<String> usageOptionColumn() {
      List<String> lines = stderr.lines().toList();
      int rule = IntStream.range(0, lines.size()).filter(i -> lines.get(i).startsWith("------")).findFirst().orElse(-1);
      if (rule < 1) {
        return List.of();
      }
      return lines.subList(rule - 1, lines.size()).stream()
          .map(line -> line.substring(0, Math.min(line.length(), USAGE_OPTION_WIDTH)).stripTrailing())
          .filter(column -> !column.isEmpty())
          .toList();
    }

    /**
     * {@link #usageOptionColumn()} without the rows of some options (their first line and its continuations), to
     * compare a tool that adds options of its own with Kafka's.
     *
     * @param leftOut option names without dashes, e.g. {@code Set.of("exit-at-end")}
     * @return the column without those options' rows
     */
    public List<String> usageOptionColumn(Set<String> leftOut) {
      List<String> kept = new ArrayList<>();
      boolean skipping = false;
      for (String line : usageOptionColumn()) {
        if (line.startsWith("--")) {
          String name = line.substring(2).split("[ ,]", 2)[0];
          skipping = leftOut.contains(name);
        } else if (!line.startsWith(" ")) {
          skipping = false;
        }
        if (!skipping) {
          kept.add(line);
        }
      }
      return kept;
    }
  }

  /**
   * Runs to completion.
   *
   * @param stdin the bytes on standard input
   * @param timeout the deadline, after which the process is killed and the test fails
   * @param args the tool's arguments
   * @return exit code and output
   */
  public Result run(byte[] stdin, Duration timeout, String... args) {
    try (Running running = start(stdin, args)) {
      return running.await(timeout);
    }
  }

  /**
   * What Kafka's tool and ours did with the same input, run at the same time.
   *
   * @param kafka the oracle's result
   * @param ours our tool's result
   */
  public record Both(Result kafka, Result ours) {

    /**
     * Asserts that both refused the command line alike: exit status 1, this first error line, the same usage
     * (its option column) and nothing on stdout.
     *
     * @param errorLine the line both print first, e.g. {@code foo is not a recognized option}
     */
    public void assertRefusedAlike(String errorLine) {
      assertRefusedAlike(errorLine, Set.of());
    }

    /**
     * As {@link #assertRefusedAlike(String)}, for our tool that also lists options Kafka's has not: their rows are
     * left out of our usage before it is compared with Kafka's.
     *
     * @param errorLine the line both print first
     * @param oursOnly the names (without dashes) of the options only our tool has
     */
    public void assertRefusedAlike(String errorLine, Set<String> oursOnly) {
      assertRefusedAlikeApartFromTheUsage(errorLine);
      assertThat(ours.usageOptionColumn(oursOnly)).isEqualTo(kafka.usageOptionColumn()).isNotEmpty();
    }

    /**
     * {@link #assertRefusedAlike(String)} without comparing the usage, for an oracle of another Kafka line whose
     * options differ (Kafka 4 dropped {@code --broker-list} and added {@code --command-config}, ...).
     *
     * @param errorLine the line both print first
     */
    public void assertRefusedAlikeApartFromTheUsage(String errorLine) {
      assertThat(ours.exitCode()).as("exit status (ours: %s)", ours.stderr()).isEqualTo(kafka.exitCode()).isEqualTo(1);
      assertThat(ours.firstErrorLine()).isEqualTo(kafka.firstErrorLine()).isEqualTo(errorLine);
      assertThat(ours.out()).isEqualTo(kafka.out()).isEmpty();
    }

    /**
     * Asserts what a console consumer must match: the same bytes on stdout, the same {@code Processed a total of N
     * messages} line, and both exited with status 0.
     *
     * @param count the N both must have printed
     */
    public void assertConsumedAlike(int count) {
      assertThat(ours.stdout()).as("stdout (kafka's: %s)", kafka.out()).isEqualTo(kafka.stdout());
      assertThat(ours.processedLine()).isEqualTo(kafka.processedLine())
          .isEqualTo("Processed a total of " + count + " messages");
      assertThat(ours.exitCode()).as("exit status (ours: %s)", ours.stderr()).isEqualTo(kafka.exitCode()).isZero();
    }
  }

  /**
   * Runs the oracle and our tool side by side (two JVMs start in parallel) with the same arguments.
   *
   * @param kafka Kafka's tool
   * @param ours our tool
   * @param stdin the bytes on standard input of each
   * @param timeout the deadline of each run
   * @param args the arguments of both
   * @return both results
   */
  public static Both runBoth(JavaTool kafka, JavaTool ours, byte[] stdin, Duration timeout, String... args) {
    return runBoth(kafka, args, ours, args, stdin, timeout);
  }

  /**
   * Runs the oracle and our tool side by side with their own arguments (e.g. each its own topic).
   *
   * @param kafka Kafka's tool
   * @param kafkaArgs its arguments
   * @param ours our tool
   * @param ourArgs our arguments
   * @param stdin the bytes on standard input of each
   * @param timeout the deadline of each run
   * @return both results
   */
  public static Both runBoth(JavaTool kafka, String[] kafkaArgs, JavaTool ours, String[] ourArgs, byte[] stdin,
      Duration timeout) {
    CompletableFuture<Result> kafkaRun = CompletableFuture.supplyAsync(() -> kafka.run(stdin, timeout, kafkaArgs));
    Result ourRun = ours.run(stdin, timeout, ourArgs);
    return new Both(kafkaRun.join(), ourRun);
  }

  /**
   * Starts the tool with a pipe for standard input; close the result to make sure it is gone.
   *
   * @param args the tool's arguments
   * @return the running process
   */
  public Running start(String... args) {
    return start(null, args);
  }

  /**
   * Starts the tool; close the result to make sure it is gone.
   *
   * @param stdin bytes for standard input, or {@code null} for a pipe written through {@link Running#stdin()}
   * @param args the tool's arguments
   * @return the running process
   */
  public Running start(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    Path partial = archive == null ? null : archive.flags(command);
    command.addAll(launch);
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("tool-out", ".bin");
      Path err = Files.createTempFile("tool-err", ".txt");
      Path in = Files.createTempFile("tool-in", ".bin");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("SPARK_LOCAL_DIRS", sparkLocalDir().toString());
      if (stdin != null) {
        Files.write(in, stdin);
        builder.redirectInput(in.toFile());
      }
      Process process = builder.start();
      if (partial != null) {
        process.onExit().thenAccept(ended -> archive.made(partial, ended.exitValue()));
      }
      return new Running(process, in, out, err);
    } catch (IOException e) {
      if (partial != null) {
        archive.made(partial, -1);
      }
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where a Spark job started here keeps its block manager's files ({@code SPARK_LOCAL_DIRS}; the other tools ignore
   * it): in the module's build directory, not /tmp. Spark deletes them as its JVM exits, which a job the test kills
   * never does: one {@code mvn verify} left 16 such directories in /tmp.
   */
  private static Path sparkLocalDir() throws IOException {
    return Files.createDirectories(Path.of("target", "spark-local").toAbsolutePath());
  }

  /**
   * The class-data sharing archive of one fat jar's classes, as bin/run-jar.sh keeps for users: JDK 17's dynamic
   * archive ({@code -XX:ArchiveClassesAtExit}), written by the first run of the jar in this build that exits 0 and
   * mapped by every later start ({@code -XX:SharedArchiveFile}). A Spark job's JVM then loads its classes from the
   * mapped archive instead of the 190 MB jar: a short direct-app run took 2.1-2.6 s of user CPU with it against
   * 3.5-3.9 s without (3 runs each, alternated), and the suite starts dozens of them. The archive is
   * {@code JAR.test.jsa} beside the jar, with a key file naming the jar's size and time and the JVM it was made
   * for; a rebuilt jar or another JVM makes it anew.
   */
  private static final class ClassArchive {
    /** The archives this JVM is making: one run at a time pays for the dump, the others start as before. */
    private static final Set<Path> MAKING = ConcurrentHashMap.newKeySet();
    /** JVM warnings to stderr, as from a plain run; the archive's own notes off (a stale one is just not used). */
    private static final List<String> LOG_FLAGS = List.of("-Xlog:disable", "-Xlog:all=warning,cds*=off:stderr");

    private final Path jar;
    private final Path archive;
    private final Path keyFile;

    ClassArchive(Path jar) {
      this.jar = jar.toAbsolutePath();
      this.archive = this.jar.resolveSibling(this.jar.getFileName() + ".test.jsa");
      this.keyFile = this.jar.resolveSibling(this.jar.getFileName() + ".test.jsa.key");
    }

    /**
     * Adds the flags that map the archive, or that make it when there is none yet and no other run of this JVM is
     * making it.
     *
     * @return the file the run writes the archive to, for {@link #made}; null when it makes none
     */
    Path flags(List<String> command) {
      String key = key();
      if (key == null) {
        return null;
      }
      try {
        if (Files.exists(archive) && Files.exists(keyFile) && Files.readString(keyFile).equals(key)) {
          command.add("-XX:SharedArchiveFile=" + archive);
          command.addAll(LOG_FLAGS);
          return null;
        }
      } catch (IOException e) {
        return null;
      }
      if (!MAKING.add(archive)) {
        return null;
      }
      Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      command.add("-XX:ArchiveClassesAtExit=" + partial);
      command.addAll(LOG_FLAGS);
      return partial;
    }

    /** Moves a whole archive into place once the run that wrote it exited 0; drops it otherwise. */
    void made(Path partial, int exitStatus) {
      try {
        String key = key();
        if (exitStatus == 0 && key != null && Files.size(partial) > 0) {
          Path partialKey = keyFile.resolveSibling(partial.getFileName() + ".key");
          Files.writeString(partialKey, key);
          Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          Files.move(partialKey, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
          Files.deleteIfExists(partial);
        }
      } catch (IOException e) {
        // No archive: later runs start without one, or make it again.
      } finally {
        MAKING.remove(archive);
      }
    }

    /** The jar's size and time and the JVM: what the archive was made from; null without the jar. */
    private String key() {
      try {
        return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " "
            + System.getProperty("java.home") + " " + Runtime.version();
      } catch (IOException e) {
        return null;
      }
    }
  }

  /** A started tool; {@link #close()} kills it if it still runs. */
  public static final class Running implements AutoCloseable {
    private final Process process;
    private final Path in;
    private final Path out;
    private final Path err;

    private Running(Process process, Path in, Path out, Path err) {
      this.process = process;
      this.in = in;
      this.out = out;
      this.err = err;
    }

    /**
     * Its standard input, when started without bytes.
     *
     * @return the pipe to the process
     */
    public OutputStream stdin() {
      return process.getOutputStream();
    }

    /**
     * The process, to signal it or ask whether it is alive.
     *
     * @return the process
     */
    public Process process() {
      return process;
    }

    /**
     * What it has written to stdout so far.
     *
     * @return the bytes
     */
    public byte[] stdoutSoFar() {
      try {
        return Files.readAllBytes(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * What it has written to stdout so far, as text.
     *
     * @return the text, decoded as UTF-8
     */
    public String stdout() {
      return new String(stdoutSoFar(), StandardCharsets.UTF_8);
    }

    /**
     * The lines it has written to stderr so far.
     *
     * @return the lines
     */
    public List<String> stderrLines() {
      return stderrSoFar().lines().toList();
    }

    /**
     * Waits until the lines of stderr satisfy {@code condition}; fails at the deadline, or at once when the
     * process ends first, with what stderr holds.
     *
     * @param description what is awaited, for the failure message
     * @param timeout how long to wait
     * @param condition the condition on the lines so far
     * @return the lines of stderr when it held
     */
    public List<String> awaitStderr(String description, Duration timeout, Predicate<List<String>> condition) {
      AtomicReference<List<String>> held = new AtomicReference<>();
      try {
        Awaitility.await(description).atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(100)).until(() -> {
              boolean alive = process.isAlive();
              List<String> lines = stderrLines();
              if (condition.test(lines)) {
                held.set(lines);
                return true;
              }
              if (!alive) {
                throw new AssertionError("no " + description + " (the process ended); stderr:\n"
                    + String.join("\n", lines));
              }
              return false;
            });
      } catch (ConditionTimeoutException e) {
        throw new AssertionError("no " + description + " within " + timeout + " (alive=" + process.isAlive()
            + "); stderr:\n" + String.join("\n", stderrLines()), e);
      }
      return held.get();
    }

    /**
     * Waits for the process to end.
     *
     * @param timeout how long to wait
     * @return its exit status
     */
    public int awaitExit(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("still running after " + timeout + "; stderr:\n" + stderrSoFar());
        }
        return process.exitValue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    /** Sends SIGKILL and waits for the process to be gone. */
    public void kill() {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(30));
    }

    /** Sends SIGTERM (a graceful stop request). */
    public void terminate() {
      process.destroy();
    }

    /**
     * What it has written to stderr so far.
     *
     * @return the text, decoded as UTF-8
     */
    public String stderrSoFar() {
      try {
        return Files.readString(err, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Waits for the end; fails the test if it does not come in time.
     *
     * @param timeout how long to wait
     * @return exit code and output
     */
    public Result await(Duration timeout) {
      try {
        boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(done).as("%s finished within %s; stdout so far: %s; stderr so far: %s",
            process.info().commandLine().orElse("tool"), timeout, new String(stdoutSoFar(), StandardCharsets.UTF_8),
            stderrSoFar()).isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return new Result(process.exitValue(), stdoutSoFar(), stderrSoFar());
    }

    @Override
    public void close() {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
        Files.deleteIfExists(in);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String testClassPath() {
    // Failsafe may hand the forked JVM a manifest-only jar; it names the real class path in this property.
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
