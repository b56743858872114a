package io.github.kswordcount.labwalk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's secured walk ("Secured clusters") as written, only the port changed: the broker of step 1 in
 * the background, then steps 2 to 4 as one {@code bash -e} script in a fresh directory. Every command must succeed,
 * the line must come back and be counted by both jobs, and both jobs' groups must have committed it.
 */
class SecuredLabWalkIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final String[] MODULES = {"local-kafka", "producer-cli", "consumer-cli", "direct-app", "receiver-app"};
  private static final Path RECEIVER_WAL = Path.of(System.getProperty("java.io.tmpdir"), "kafka-spark-wordcount",
      "wordcount-receiver");

  @TempDir Path home;

  private final List<LabWalkIT.Run> runs = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    Collections.reverse(runs);
    runs.forEach(LabWalkIT.Run::kill);
  }

  @Test
  void theSecuredWalkAsWrittenCountsAsAliceWithTheGroupsTheToolsUse() throws Exception {
    String readme = Files.readString(REPO.resolve("README.md"), StandardCharsets.UTF_8);
    List<LabWalkIT.Step> steps = LabWalkIT.steps(readme, "`SecuredLabWalkIT` runs this block");
    assertThat(steps).extracting(LabWalkIT.Step::number).containsExactly(1, 2, 3, 4);
    for (String module : MODULES) {
      Files.createDirectories(home.resolve(module));
      Files.createSymbolicLink(home.resolve(module).resolve("target"), REPO.resolve(module).resolve("target"));
    }
    String port = Integer.toString(LabWalkIT.freePort());
    String block = block(readme).replace("9093", port);
    List<String> commands = block.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(commands.get(0)).startsWith("java -jar local-kafka/target/local-kafka.jar ");

    List<String> brokerCommand = new ArrayList<>(List.of(commands.get(0).split("\\s+")));
    brokerCommand.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    LabWalkIT.Run broker = new LabWalkIT.Run(1, new ProcessBuilder(brokerCommand).directory(home.toFile()).start());
    runs.add(broker);
    broker.awaitOut("Kafka is ready at 127.0.0.1:" + port + " (security.protocol=SASL_PLAINTEXT, sasl.mechanism="
        + "SCRAM-SHA-256 or SCRAM-SHA-512; users admin (super user), alice; client properties: see --help)",
        Duration.ofSeconds(120));

    Set<Path> walsBefore = wals();
    String script = String.join("\n", commands.subList(1, commands.size()));
    ProcessBuilder bash = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script).directory(home.toFile());
    bash.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    LabWalkIT.Run walk = new LabWalkIT.Run(2, bash.start());
    runs.add(walk);
    int status = walk.exitWithin(Duration.ofSeconds(400));
    removeNew(walsBefore);
    System.out.println(walk); // the transcript a user would see, kept in the failsafe report

    assertThat(status).as(walk.toString()).isZero();
    List<String> out = walk.out();
    assertThat(out).as(walk.toString()).contains("Hi how are you?");
    List<String> counts = LabWalkIT.shownCounts(readme);
    int first = Collections.indexOfSubList(out, counts);
    assertThat(first).as("the direct job's counts: " + walk).isNotNegative();
    assertThat(Collections.indexOfSubList(out.subList(first + counts.size(), out.size()), counts))
        .as("the receiver job's counts: " + walk).isNotNegative();
    assertThat(walk.err()).as(walk.toString()).noneMatch(l -> l.startsWith("error:"));

    Map<String, Object> admin = new java.util.HashMap<>(Map.of("bootstrap.servers", "localhost:" + port));
    for (String line : Files.readAllLines(home.resolve("admin.properties"))) {
      String[] kv = line.split("=", 2);
      admin.put(kv[0], kv[1]);
    }
    for (String group : List.of("wordcount-direct", "wordcount-receiver")) {
      assertThat(LabWalkIT.committed(admin, group)).as(group + ": " + walk)
          .isEqualTo(Map.of(new TopicPartition("lab", 0), 1L));
    }
  }

  private static String block(String readme) {
    int open = readme.indexOf("```bash\n", readme.indexOf("`SecuredLabWalkIT` runs this block"));
    return readme.substring(open + 8, readme.indexOf("\n```", open));
  }

  /** The receiver job's default write-ahead logs (one per process): those the walk made are removed after it. */
  private static Set<Path> wals() throws IOException {
    if (!Files.isDirectory(RECEIVER_WAL)) {
      return Set.of();
    }
    try (Stream<Path> dirs = Files.list(RECEIVER_WAL)) {
      return dirs.collect(Collectors.toSet());
    }
  }

  private static void removeNew(Set<Path> before) throws IOException {
    for (Path dir : wals()) {
      if (!before.contains(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(file);
          }
        }
      }
    }
  }
}
