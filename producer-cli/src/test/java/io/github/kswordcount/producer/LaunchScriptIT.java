package io.github.kswordcount.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import io.github.kswordcount.localkafka.KafkaIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/kafka-console-producer.sh, run from a copy of the repository's layout ({@code bin/} and
 * {@code producer-cli/target/producer-cli.jar}) so that its class-data sharing archive starts out absent.
 */
@ExtendWith(LocalKafkaExtension.class)
class LaunchScriptIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  Path root;

  @Test
  void helpIsKafkasUsageOnStderrWithExitStatusOne() throws IOException, InterruptedException {
    Run help = run(layout(), new byte[0], "--help");
    assertThat(help.exitCode()).isEqualTo(1);
    assertThat(help.stdout()).isEmpty();
    assertThat(help.stderr()).startsWith(ProducerOptions.HELP_HEADER + "\nOption ");
    assertThat(root.resolve("producer-cli/target/producer-cli.jsa")).as("--help is not archived").doesNotExist();
  }

  @Test
  void linesReachTheTopicOnTheFirstRunWithTheArchiveAndAfterARebuild(LocalKafka kafka)
      throws IOException, InterruptedException {
    kafka.createTopic("script", 1, 1);
    Path script = layout();
    Path archive = root.resolve("producer-cli/target/producer-cli.jsa");
    String[] args = {"--bootstrap-server", kafka.bootstrapServers(), "--topic", "script"};

    Run first = run(script, "Hi how are you?\nпривет\n".getBytes(StandardCharsets.UTF_8), args);
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(archive).as("made by the first run").exists();
    Run second = run(script, "second\n".getBytes(StandardCharsets.UTF_8), args);
    // A rebuilt jar: its archive no longer matches and is made anew, without a warning anywhere.
    Path jar = root.resolve("producer-cli/target/producer-cli.jar");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
    Run rebuilt = run(script, "third\n".getBytes(StandardCharsets.UTF_8), args);

    for (Run run : List.of(first, second, rebuilt)) {
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout() + run.stderr()).isEmpty();
    }
    assertThat(Files.readString(root.resolve("producer-cli/target/producer-cli.jsa.key")))
        .contains(Long.toString(Files.getLastModifiedTime(jar).toMillis() / 1000));
    List<String> values = KafkaIo.readAll(kafka.bootstrapServers(), "script", "read_uncommitted").stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    assertThat(values).containsExactly("Hi how are you?", "привет", "second", "third");
  }

  /** As Kafka's kafka-console-producer.sh: a 512 MiB heap unless KAFKA_HEAP_OPTS names one (empty is unset). */
  @Test
  void theJvmGetsKafkasHeapOfTheScriptUnlessKafkaHeapOptsNamesOne() throws IOException, InterruptedException {
    Path script = layout();
    Run kafkas = run(script, new byte[0], Map.of("KAFKA_HEAP_OPTS", "", "KAFKA_OPTS", "-XX:+PrintFlagsFinal"),
        "--version");
    assertThat(kafkas.exitCode()).as(kafkas.stderr()).isZero();
    assertThat(kafkas.stdout()).containsPattern("MaxHeapSize += 536870912 ");
    Run own = run(script, new byte[0], Map.of("KAFKA_HEAP_OPTS", "-Xmx256M", "KAFKA_OPTS", "-XX:+PrintFlagsFinal"),
        "--version");
    assertThat(own.stdout()).containsPattern("MaxHeapSize += 268435456 ");
  }

  /** The scripts and a copy of the fat jar in a fresh root; returns the producer's script. */
  private Path layout() throws IOException {
    Path bin = Files.createDirectories(root.resolve("bin"));
    for (String name : List.of("run-jar.sh", "kafka-console-producer.sh")) {
      Files.copy(Path.of("..", "bin", name), bin.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
    }
    Path target = Files.createDirectories(root.resolve("producer-cli").resolve("target"));
    Files.copy(Path.of("target", "producer-cli.jar"), target.resolve("producer-cli.jar"));
    return bin.resolve("kafka-console-producer.sh");
  }

  private Run run(Path script, byte[] stdin, String... args) throws IOException, InterruptedException {
    return run(script, stdin, Map.of(), args);
  }

  private Run run(Path script, byte[] stdin, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path in = Files.write(root.resolve("stdin"), stdin);
    Path out = root.resolve("stdout");
    Path err = root.resolve("stderr");
    List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(script + " did not end within " + TIMEOUT + "; stderr: " + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private record Run(int exitCode, String stdout, String stderr) {}
}
