package io.github.kswordcount.jobframe;

import io.github.kswordcount.consolekit.UsageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds a lock file in a local checkpoint directory while a job runs, so that a second process started on
 * the same directory (and its write-ahead log) is refused instead of mixing its checkpoints with the first's.
 * The operating system drops the lock when the process dies, so a killed run never blocks its restart.
 * Directories on other file systems ({@code hdfs://...}) are not locked.
 */
final class CheckpointLock implements AutoCloseable {
  static final String FILE = "wordcount-job.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private CheckpointLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of a checkpoint directory, creating the directory when needed.
   *
   * @param dir the checkpoint directory
   * @return the held lock (nothing is held for a non-local directory)
   * @throws UsageException when another running job holds it, or the directory cannot be written
   */
  static CheckpointLock acquire(String dir) {
    if (dir.contains("://") && !dir.startsWith("file:")) {
      return new CheckpointLock(null, null);
    }
    Path root = Path.of(dir.startsWith("file:") ? java.net.URI.create(dir).getPath() : dir);
    FileChannel channel = null;
    try {
      Files.createDirectories(root);
      channel = FileChannel.open(root.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw inUse(dir);
      }
      return new CheckpointLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      close(channel);
      throw inUse(dir);
    } catch (IOException e) {
      close(channel);
      throw UsageException.alone("checkpoint directory '" + dir + "' cannot be used: " + reason(e));
    } catch (UsageException e) {
      close(channel);
      throw e;
    }
  }

  /** What the file system said, in words: the JDK's messages are often the bare path. */
  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied on '" + denied.getFile() + "'";
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return "'" + exists.getFile() + "' exists and is not a directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return "'" + fs.getFile() + "': " + fs.getReason();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static UsageException inUse(String dir) {
    return UsageException.alone("checkpoint directory '" + dir + "' is in use by another running job (" + FILE
        + " is locked): give each running job its own --checkpoint-dir");
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing held.
      }
    }
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException ignored) {
      // Released with the channel below.
    }
    close(channel);
  }
}
