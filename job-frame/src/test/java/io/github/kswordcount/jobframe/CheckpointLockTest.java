package io.github.kswordcount.jobframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kswordcount.consolekit.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint directory's lock: taken, refused while held, released, and a directory that cannot be made. */
class CheckpointLockTest {

  @TempDir Path dir;

  @Test
  void aHeldLockRefusesASecondJobAndIsFreeAgainOnceReleased() {
    String checkpoint = dir.resolve("cp").toString();
    try (CheckpointLock first = CheckpointLock.acquire(checkpoint)) {
      assertThatThrownBy(() -> CheckpointLock.acquire(checkpoint)).isInstanceOf(UsageException.class)
          .hasMessage("checkpoint directory '" + checkpoint + "' is in use by another running job "
              + "(wordcount-job.lock is locked): give each running job its own --checkpoint-dir");
    }
    try (CheckpointLock again = CheckpointLock.acquire(checkpoint)) {
      assertThat(dir.resolve("cp").resolve(CheckpointLock.FILE)).exists();
    }
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsOneUsageErrorNamingIt() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    String checkpoint = file.resolve("cp").toString();
    assertThatThrownBy(() -> CheckpointLock.acquire(checkpoint)).isInstanceOf(UsageException.class)
        .hasMessage("checkpoint directory '" + checkpoint + "' cannot be used: '" + checkpoint + "': Not a directory")
        .satisfies(e -> assertThat(((UsageException) e).showUsage()).isFalse());
  }
}
