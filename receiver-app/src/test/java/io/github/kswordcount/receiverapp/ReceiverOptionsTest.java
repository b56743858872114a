package io.github.kswordcount.receiverapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beust.jcommander.JCommander;
import io.github.kswordcount.consolekit.UsageException;
import io.github.kswordcount.core.internal.receiver.ReceiverSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The receiver job's own options: the instance id and what it names. */
class ReceiverOptionsTest {

  /** The settings for {@code --topic lab} on {@code local[2]} and the given options. */
  private static ReceiverSettings settings(String... extra) {
    ReceiverOptions options = new ReceiverOptions();
    List<String> args = new ArrayList<>(List.of("--bootstrap-server", "localhost:9092", "--topic", "lab",
        "--master", "local[2]"));
    args.addAll(List.of(extra));
    JCommander.newBuilder().addObject(options).expandAtSign(false).build().parse(args.toArray(new String[0]));
    return options.toSettings();
  }

  @Test
  void anInstanceIdGivenIsKeptAndRecordedInTheCheckpointIdentity() {
    ReceiverSettings s = settings("--instance-id", "worker-1");
    assertThat(s.instanceId()).isEqualTo("worker-1");
    assertThat(s.identity()).containsEntry("instance-id", "worker-1");
  }

  @Test
  void withoutOneEachProcessIsItsHostAndPid() {
    assertThat(settings("--no-wal").instanceId()).isEqualTo(ReceiverSource.processInstance());
  }

  @Test
  void withACheckpointDirTheInstanceIsDerivedFromItSoARestartFindsItAgain() {
    String relative = settings("--checkpoint-dir", "target/ckpt-a").instanceId();
    assertThat(relative).matches("ckpt-[0-9a-f]{12}")
        .isEqualTo(settings("--checkpoint-dir", Path.of("target/ckpt-a").toAbsolutePath().toString()).instanceId())
        .isNotEqualTo(settings("--checkpoint-dir", "target/ckpt-b").instanceId());
  }

  @Test
  void theDefaultCheckpointDirIsOnePerGroupAndInstance() {
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "kafka-spark-wordcount");
    assertThat(settings("--group", "g", "--instance-id", "one").checkpointDir())
        .isEqualTo(root.resolve("g").resolve("one").toString());
    assertThat(settings("--group", "g").checkpointDir())
        .isEqualTo(root.resolve("g").resolve(ReceiverSource.processInstance()).toString());
    assertThat(settings("--no-wal").checkpointDir()).isNull();
  }

  @Test
  void anInstanceIdKafkaWouldRefuseIsAUsageError() {
    assertThatThrownBy(() -> settings("--instance-id", "a/b")).isInstanceOf(UsageException.class)
        .hasMessage("--instance-id 'a/b' is invalid: use 1 to 100 of A-Z a-z 0-9 . _ - (it becomes part of "
            + "Kafka's group.instance.id)");
  }
}
