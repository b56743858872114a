package io.github.kswordcount.jobframe;

import io.github.kswordcount.consolekit.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What defines a job's graph (brokers, topics, group, counting, outputs, mode), written into its checkpoint
 * directory. Spark recovers the whole graph from a checkpoint and silently ignores the command line, so a
 * start whose settings differ from the checkpoint's is refused instead of running the old job under a new
 * start line.
 */
final class CheckpointIdentity {
  static final String FILE = "wordcount-job.properties";

  private CheckpointIdentity() {}

  /**
   * Writes the identity into a new or empty directory, or checks it against the one there.
   *
   * @param dir the checkpoint directory (any Hadoop file system URI, or a local path)
   * @param identity the settings that define the graph, in a stable order
   * @throws UsageException naming the differences and how to start fresh
   */
  static void verify(String dir, Map<String, String> identity) {
    try {
      Path root = new Path(dir);
      FileSystem fs = root.getFileSystem(new Configuration());
      Path file = new Path(root, FILE);
      if (fs.exists(file)) {
        List<String> differences = differences(read(fs, file), identity);
        if (!differences.isEmpty()) {
          throw UsageException.alone("checkpoint directory '" + dir + "' belongs to another job: "
              + String.join(", ", differences) + " (give another --checkpoint-dir, or delete it to start fresh)");
        }
        return;
      }
      FileStatus[] existing = fs.exists(root) ? fs.listStatus(root) : new FileStatus[0];
      boolean onlyTheLock = existing.length == 1 && existing[0].getPath().getName().equals(CheckpointLock.FILE);
      if (existing.length > 0 && !onlyTheLock) {
        throw UsageException.alone("checkpoint directory '" + dir + "' holds a checkpoint without " + FILE
            + " (written by another build or tool): give another --checkpoint-dir, or delete it to start fresh");
      }
      fs.mkdirs(root);
      write(fs, file, identity);
    } catch (IOException e) {
      throw UsageException.alone("checkpoint directory '" + dir + "' cannot be used: " + e.getMessage());
    }
  }

  private static List<String> differences(Map<String, String> stored, Map<String, String> identity) {
    List<String> differences = new ArrayList<>();
    Map<String, String> all = new LinkedHashMap<>(identity);
    stored.keySet().forEach(k -> all.putIfAbsent(k, null));
    all.forEach((key, now) -> {
      String was = stored.get(key);
      if (was == null ? now != null : !was.equals(now)) {
        differences.add(key + " was " + (was == null ? "unset" : was) + ", now " + (now == null ? "unset" : now));
      }
    });
    return differences;
  }

  private static Map<String, String> read(FileSystem fs, Path file) throws IOException {
    Properties props = new Properties();
    try (InputStream in = fs.open(file)) {
      props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    Map<String, String> stored = new LinkedHashMap<>();
    props.stringPropertyNames().forEach(k -> stored.put(k, props.getProperty(k)));
    return stored;
  }

  private static void write(FileSystem fs, Path file, Map<String, String> identity) throws IOException {
    StringBuilder text = new StringBuilder(
        "# What defines this checkpoint's job; a start with other settings is refused.\n");
    identity.forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('\n'));
    try (OutputStream out = fs.create(file, false)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\=").replace(":", "\\:");
  }
}
