package io.github.kswordcount.labwalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the README's lab as a newcomer does: steps 1 to 5 of its {@code bash} block, in order, each command as
 * written there (only the port changed, to a free one), from the fat jars, in a fresh directory. What a step's
 * comment says the user types is typed; what the README shows a job printing is what the jobs must print; and
 * each job's group must have committed every record when it stops. A change to the tools that the README does not
 * follow, or to the README that the tools do not follow, fails here.
 */
class LabWalkIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Duration START = Duration.ofSeconds(120);
  private static final String[] MODULES = {"local-kafka", "producer-cli", "consumer-cli", "direct-app", "receiver-app"};

  @TempDir Path home;

  private final List<Run> runs = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    // Newest first: the jobs and tools before the broker they use.
    Collections.reverse(runs);
    runs.forEach(Run::kill);
  }

  @Test
  void theLabStepsAsWrittenCountTheTypedLineWithBothJobsAndCommitIt() throws Exception {
    String readme = Files.readString(REPO.resolve("README.md"), StandardCharsets.UTF_8);
    List<Step> steps = labSteps(readme);
    assertThat(steps).extracting(Step::number).containsExactly(1, 2, 3, 4, 5);
    for (String module : MODULES) {
      Files.createDirectories(home.resolve(module));
      Files.createSymbolicLink(home.resolve(module).resolve("target"), REPO.resolve(module).resolve("target"));
    }
    Files.createSymbolicLink(home.resolve("bin"), REPO.resolve("bin"));
    String port = Integer.toString(freePort());
    String bootstrap = "localhost:" + port;

    // 1. The broker: its comment says what it prints once ready.
    Run broker = start(steps.get(0), port);
    String ready = steps.get(0).shown().get(0).replace("9092", port);
    broker.awaitOut(ready, START);

    // 2. The producer: the line the comment says to type, then end of input.
    Matcher typed = Pattern.compile("type \"([^\"]+)\"").matcher(String.join("\n", steps.get(1).comments()));
    assertThat(typed.find()).as("step 2 says what to type").isTrue();
    String line = typed.group(1);
    Run producer = start(steps.get(1), port);
    producer.type(line + "\n");
    assertThat(producer.exitWithin(START)).as(producer.toString()).isZero();

    // 3. The consumer prints the line back; Ctrl-C ends it (Kafka's tool: exit 130 after SIGINT, 143 after SIGTERM).
    Run consumer = start(steps.get(2), port);
    consumer.awaitOut(line, START);
    consumer.stop();
    assertThat(consumer.out()).as(consumer.toString()).containsExactly(line);

    // 4 and 5. Each job prints the README's counts for the line, commits its group past it, and stops on SIGTERM.
    List<String> counts = shownCounts(readme);
    assertThat(counts).as("the README shows the counts a job prints").isNotEmpty();
    String progress = shownProgress(readme);
    walkJob(steps.get(3), port, bootstrap, "wordcount-direct", counts, progress);
    walkJob(steps.get(4), port, bootstrap, "wordcount-receiver", counts, progress);
  }

  private void walkJob(Step step, String port, String bootstrap, String group, List<String> counts, String progress)
      throws Exception {
    Run job = start(step, port);
    job.awaitErr(progress, START);
    assertThat(job.exitAfterStop()).as(job.toString()).isZero();
    System.out.println(job); // the transcript a user would see, kept in the failsafe report
    assertThat(containsInOrder(job.out(), counts)).as(job.toString()).isTrue();
    assertThat(job.err()).as(job.toString()).anyMatch(l -> l.startsWith("Reading topics [lab] from " + bootstrap
        + " as group '" + group + "'") || l.startsWith("Receiving topics [lab] from " + bootstrap));
    assertThat(job.err()).as(job.toString()).noneMatch(l -> l.startsWith("error:"));
    assertThat(committed(bootstrap, group)).as(job.toString()).isEqualTo(Map.of(new TopicPartition("lab", 0), 1L));
    job.removeDefaultCheckpoint(group);
  }

  /** The steps of the lab's {@code bash} block: each {@code # N.} comment, what follows it, and its command. */
  static List<Step> labSteps(String readme) {
    return steps(readme, "## The lab, with these tools");
  }

  /** The steps of the first {@code bash} block after {@code marker}. */
  static List<Step> steps(String readme, String marker) {
    int section = readme.indexOf(marker);
    assertThat(section).as("the README has '" + marker + "'").isNotNegative();
    int open = readme.indexOf("```bash\n", section);
    String block = readme.substring(open + 8, readme.indexOf("\n```", open));
    List<Step> steps = new ArrayList<>();
    Pattern number = Pattern.compile("^# (\\d+)\\. .*");
    List<String> comments = new ArrayList<>();
    for (String raw : block.split("\n")) {
      String text = raw.strip();
      Matcher m = number.matcher(text);
      if (m.matches()) {
        comments = new ArrayList<>(List.of(text));
        steps.add(new Step(Integer.parseInt(m.group(1)), comments, new ArrayList<>(), new ArrayList<>()));
      } else if (text.startsWith("#    -> ")) {
        steps.get(steps.size() - 1).shown().add(text.substring(8));
      } else if (text.startsWith("#")) {
        comments.add(text);
      } else if (!text.isEmpty()) {
        steps.get(steps.size() - 1).command().addAll(Arrays.asList(text.split("\\s+")));
      }
    }
    return steps;
  }

  /** The count lines of the README's sample output, e.g. {@code (Hi,1)}. */
  static List<String> shownCounts(String readme) {
    String sample = sampleOutput(readme);
    return sample.lines().filter(l -> l.matches("\\(.+,\\d+\\)")).toList();
  }

  /** The fields of the sample progress line that follow from the typed line: records, words, distinct words. */
  static String shownProgress(String readme) {
    Matcher m = Pattern.compile("(records=\\d+ words=\\d+ distinct=\\d+) ").matcher(sampleOutput(readme));
    assertThat(m.find()).as("the README shows a progress line").isTrue();
    return m.group(1);
  }

  static String sampleOutput(String readme) {
    int at = readme.indexOf("Each job prints every batch");
    int open = readme.indexOf("```\n", at);
    return readme.substring(open + 4, readme.indexOf("\n```", open + 4));
  }

  static boolean containsInOrder(List<String> lines, List<String> expected) {
    return Collections.indexOfSubList(lines, expected) >= 0;
  }

  private Run start(Step step, String port) throws IOException {
    List<String> command = new ArrayList<>();
    for (String word : step.command()) {
      assertThat(word).as("a lab command without quoting").doesNotContain("\"", "'", "$", "\\");
      command.add(word.replace("9092", port));
    }
    // The jars run with java, the console tools through their bin/ launchers (Kafka's names, as the lab has them).
    assertThat(command.get(0)).matches("java|bin/kafka-console-(producer|consumer)\\.sh");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    command.set(0, command.get(0).equals("java") ? java : home.resolve(command.get(0)).toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Run run = new Run(step.number(), builder.start());
    runs.add(run);
    return run;
  }

  private static Map<TopicPartition, Long> committed(String bootstrap, String group) throws Exception {
    return committed(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), group);
  }

  static Map<TopicPartition, Long> committed(Map<String, Object> client, String group) throws Exception {
    try (Admin admin = Admin.create(client)) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      return offsets.entrySet().stream().filter(e -> e.getValue() != null)
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** One step of the lab: its number, its comment lines, what it shows ({@code # -> ...}) and its command. */
  record Step(int number, List<String> comments, List<String> shown, List<String> command) {}

  /** A started command, its stdout and stderr read into lines as they come. */
  static final class Run {
    private final int step;
    private final Process process;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());

    Run(int step, Process process) {
      this.step = step;
      this.process = process;
      pump(process.getInputStream(), out);
      pump(process.getErrorStream(), err);
    }

    private static void pump(InputStream stream, List<String> lines) {
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
          }
        } catch (IOException e) {
          // the process ended
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    void type(String text) throws IOException {
      try (OutputStream in = process.getOutputStream()) {
        in.write(text.getBytes(StandardCharsets.UTF_8));
      }
    }

    void awaitOut(String line, Duration within) {
      awaitOrSay("stdout line '" + line + "'", within, () -> out().contains(line));
    }

    void awaitErr(String fragment, Duration within) {
      awaitOrSay("a progress line with '" + fragment + "'", within,
          () -> err().stream().anyMatch(l -> l.startsWith("batch ") && l.contains(fragment)));
    }

    /** Waits for a condition; a timeout or an early exit fails with everything the command printed. */
    private void awaitOrSay(String what, Duration within, java.util.concurrent.Callable<Boolean> condition) {
      try {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).failFast(() -> !process.isAlive())
            .until(condition);
      } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
        throw new AssertionError("no " + what + " within " + within + " (" + e.getMessage() + "): " + this, e);
      }
    }

    int exitWithin(Duration within) throws InterruptedException {
      if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("step " + step + " still runs after " + within + ": " + this);
      }
      return process.exitValue();
    }

    /** SIGTERM, as a user's Ctrl-C on the job (the jobs treat both alike), and the exit status. */
    int exitAfterStop() throws InterruptedException {
      process.destroy();
      return exitWithin(Duration.ofSeconds(60));
    }

    void stop() throws InterruptedException {
      process.destroy();
      exitWithin(Duration.ofSeconds(30));
    }

    void kill() {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }

    /**
     * The receiver job, given no {@code --checkpoint-dir}, keeps its write-ahead log under
     * {@code java.io.tmpdir/kafka-spark-wordcount/<group>/<host>-<pid>}: removed, as a user would not.
     */
    void removeDefaultCheckpoint(String group) throws IOException {
      Path groupDir = Path.of(System.getProperty("java.io.tmpdir"), "kafka-spark-wordcount", group);
      if (!Files.isDirectory(groupDir)) {
        return;
      }
      try (java.util.stream.Stream<Path> instances = Files.list(groupDir)) {
        for (Path instance : instances.filter(p -> p.getFileName().toString().endsWith("-" + process.pid())).toList()) {
          try (java.util.stream.Stream<Path> files = Files.walk(instance)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
              Files.deleteIfExists(file);
            }
          }
        }
      }
    }

    List<String> out() {
      synchronized (out) {
        return List.copyOf(out);
      }
    }

    List<String> err() {
      synchronized (err) {
        return List.copyOf(err);
      }
    }

    @Override
    public String toString() {
      return "step " + step + "\n--- stdout\n" + String.join("\n", out()) + "\n--- stderr\n" + String.join("\n", err());
    }
  }
}
