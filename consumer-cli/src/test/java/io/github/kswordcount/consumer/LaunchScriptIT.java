package io.github.kswordcount.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/kafka-console-consumer.sh, run from a copy of the repository's layout ({@code bin/} and
 * {@code consumer-cli/target/consumer-cli.jar}) so that its class-data sharing archive starts out absent: the same
 * bytes on stdout without the archive, while making it, and with it.
 */
@ExtendWith(LocalKafkaExtension.class)
class LaunchScriptIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  Path root;

  @Test
  void printsTheRecordsWithAndWithoutTheArchiveAndKeepsTheExitStatus(LocalKafka kafka)
      throws IOException, InterruptedException {
    kafka.createTopic("script", 1, 1);
    KafkaIo.sendBytes(kafka.bootstrapServers(), List.of(
        KafkaIo.record("script", 0, 1L, null, KafkaIo.utf8("Hi how are you?")),
        KafkaIo.record("script", 0, 2L, KafkaIo.utf8("k"), KafkaIo.utf8("привет"))));
    Path script = layout();
    String[] args = {"--bootstrap-server", kafka.bootstrapServers(), "--topic", "script", "--from-beginning",
        "--max-messages", "2", "--property", "print.key=true"};

    Run off = run(script, List.of("KSWC_CDS=off"), args);
    Run making = run(script, List.of(), args);
    assertThat(root.resolve("consumer-cli/target/consumer-cli.jsa")).as("made by the first run").exists();
    Run using = run(script, List.of(), args);

    for (Run run : List.of(off, making, using)) {
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout()).isEqualTo("null\tHi how are you?\nk\tпривет\n");
      assertThat(run.stderr()).isEqualTo("Processed a total of 2 messages\n");
    }
    Run bad = run(script, List.of(), "--bootstrap-server", kafka.bootstrapServers(), "--topic", "script",
        "--offset", "1");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.stderr()).startsWith("The partition is required when offset is specified.\n");
  }

  /** As Kafka's kafka-console-consumer.sh: a 512 MiB heap unless KAFKA_HEAP_OPTS names one (empty is unset). */
  @Test
  void theJvmGetsKafkasHeapOfTheScriptUnlessKafkaHeapOptsNamesOne() throws IOException, InterruptedException {
    Path script = layout();
    Run kafkas = run(script, List.of("KAFKA_HEAP_OPTS=", "KAFKA_OPTS=-XX:+PrintFlagsFinal"), "--version");
    assertThat(kafkas.exitCode()).as(kafkas.stderr()).isZero();
    assertThat(kafkas.stdout()).containsPattern("MaxHeapSize += 536870912 ");
    Run own = run(script, List.of("KAFKA_HEAP_OPTS=-Xmx256M", "KAFKA_OPTS=-XX:+PrintFlagsFinal"), "--version");
    assertThat(own.stdout()).containsPattern("MaxHeapSize += 268435456 ");
  }

  /** The scripts and a copy of the fat jar in a fresh root; returns the consumer's script. */
  private Path layout() throws IOException {
    Path bin = Files.createDirectories(root.resolve("bin"));
    for (String name : List.of("run-jar.sh", "kafka-console-consumer.sh")) {
      Files.copy(Path.of("..", "bin", name), bin.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
    }
    Path target = Files.createDirectories(root.resolve("consumer-cli").resolve("target"));
    Files.copy(Path.of("target", "consumer-cli.jar"), target.resolve("consumer-cli.jar"));
    return bin.resolve("kafka-console-consumer.sh");
  }

  private Run run(Path script, List<String> env, String... args) throws IOException, InterruptedException {
    Path out = root.resolve("stdout");
    Path err = root.resolve("stderr");
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile())).redirectOutput(out.toFile()).redirectError(err.toFile());
    env.forEach(pair -> builder.environment().put(pair.substring(0, pair.indexOf('=')),
        pair.substring(pair.indexOf('=') + 1)));
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(script + " did not end within " + TIMEOUT + "; stderr: " + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String stdout, String stderr) {}
}
