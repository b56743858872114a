package io.github.kswordcount.jobframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kswordcount.consolekit.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a checkpoint directory must hold before a job may recover from it. */
class CheckpointIdentityTest {
  @TempDir Path dir;

  private static Map<String, String> identity(String topics) {
    Map<String, String> identity = new LinkedHashMap<>();
    identity.put("brokers", "127.0.0.1:9092");
    identity.put("topics", topics);
    identity.put("group", "g");
    return identity;
  }

  @Test
  void aNewDirectoryGetsTheIdentityAndTheSameJobIsLetIn() throws IOException {
    String checkpoint = dir.resolve("cp").toString();
    CheckpointIdentity.verify(checkpoint, identity("[lab]"));
    assertThat(Files.readString(dir.resolve("cp").resolve(CheckpointIdentity.FILE)))
        .contains("topics=[lab]\n").contains("brokers=127.0.0.1\\:9092\n");
    CheckpointIdentity.verify(checkpoint, identity("[lab]"));
  }

  @Test
  void anotherJobsCheckpointIsRefusedNamingEachDifference() {
    String checkpoint = dir.resolve("cp").toString();
    CheckpointIdentity.verify(checkpoint, identity("[lab]"));
    Map<String, String> other = identity("[other]");
    other.put("window-ms", "10000");
    assertThatThrownBy(() -> CheckpointIdentity.verify(checkpoint, other)).isInstanceOf(UsageException.class)
        .hasMessage("checkpoint directory '" + checkpoint + "' belongs to another job: topics was [lab], now [other], "
            + "window-ms was unset, now 10000 (give another --checkpoint-dir, or delete it to start fresh)");
  }

  @Test
  void aCheckpointWithoutTheIdentityFileIsRefusedAsAnotherBuilds() throws IOException {
    Path checkpoint = Files.createDirectories(dir.resolve("cp"));
    Files.write(checkpoint.resolve("checkpoint-1796290000000"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> CheckpointIdentity.verify(checkpoint.toString(), identity("[lab]")))
        .isInstanceOf(UsageException.class)
        .hasMessage("checkpoint directory '" + checkpoint + "' holds a checkpoint without " + CheckpointIdentity.FILE
            + " (written by another build or tool): give another --checkpoint-dir, or delete it to start fresh");
    assertThat(checkpoint.resolve(CheckpointIdentity.FILE)).doesNotExist();
  }
}
