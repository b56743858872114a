package io.github.kswordcount.receiverapp;

import io.github.kswordcount.core.ReceiverWordCount;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import io.github.kswordcount.jobframe.CountOptions;
import io.github.kswordcount.jobframe.CountSettings;
import io.github.kswordcount.jobframe.JobOptions;
import io.github.kswordcount.jobframe.JobSettings;
import io.github.kswordcount.jobframe.KafkaSource;
import io.github.kswordcount.jobframe.KafkaSourceOptions;
import io.github.kswordcount.consolekit.UsageException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The receiver job's command line: the options shared with the direct job, plus its own. */
final class ReceiverOptions {
  static final String DEFAULT_GROUP = "wordcount-receiver";
  private static final Pattern LOCAL_N = Pattern.compile("local\\[(\\d+|\\*)(?:,\\d+)?]");
  private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern REMOTE_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");

  @ParametersDelegate
  private final KafkaSourceOptions source = new KafkaSourceOptions();

  @ParametersDelegate
  private final JobOptions job = new JobOptions();

  @ParametersDelegate
  private final CountOptions count = new CountOptions();

  @Parameter(names = "--receivers", description = "Receivers in the consumer group; each holds one core")
  private int receivers = 1;

  @Parameter(names = "--consumer-threads", description = "Kafka consumer threads per receiver (the lab's {topic: 1})")
  private int consumerThreads = 1;

  @Parameter(names = "--max-rate", description = "Records per second per receiver (default: no limit)")
  private long maxRate;

  @Parameter(names = "--instance-id", description = "This process's name in the consumer group: its consumers are "
      + "static members <group>-<id>-receiver-<r>-<t>. Give each process of a group its own, and the same one again "
      + "after a restart to take its partitions back at once (default: derived from --checkpoint-dir, else "
      + "<host>-<pid>, printed at the start)")
  private String instanceId;

  @Parameter(names = "--no-wal", description = "Turn the receiver write-ahead log off (faster; on a cluster blocks "
      + "are replicated to a second executor instead; nothing is lost either way: what was received but not yet "
      + "counted when the driver dies is read again from Kafka after a restart)")
  private boolean noWal;

  boolean help() {
    return job.help();
  }

  ReceiverSettings toSettings() {
    KafkaSource kafka = source.toSource(DEFAULT_GROUP);
    String checkpointDir = job.checkpointDir();
    String instance = instanceId(checkpointDir);
    if (checkpointDir == null && !noWal) {
      // The WAL lives under the checkpoint directory. One per group and instance: two processes of a group
      // never share one, and a restart with the same --instance-id recovers from it.
      checkpointDir = Path.of(System.getProperty("java.io.tmpdir"), "kafka-spark-wordcount", kafka.group(), instance)
          .toString();
    }
    JobSettings jobSettings = job.toSettings();
    CountSettings countSettings = count.toSettings(job.batchSeconds(), checkpointDir);
    requireAtLeastOne("--receivers", receivers);
    requireAtLeastOne("--consumer-threads", consumerThreads);
    if (maxRate < 0) {
      throw UsageException.withUsage("--max-rate '" + maxRate + "' is invalid: use a number >= 0 (0: no limit)");
    }
    requireCoresBeyondReceivers(jobSettings.master());
    return new ReceiverSettings(kafka, jobSettings, countSettings, checkpointDir, !noWal, receivers,
        consumerThreads, maxRate, instance);
  }

  /**
   * The instance as given; else one a restart with the same {@code --checkpoint-dir} finds again (the
   * checkpoint restores the consumers' identities anyway); else this process's {@code <host>-<pid>}.
   */
  private String instanceId(String givenCheckpointDir) {
    if (instanceId != null) {
      if (!INSTANCE_ID.matcher(instanceId).matches()) {
        throw UsageException.withUsage("--instance-id '" + instanceId + "' is invalid: use 1 to 100 of "
            + "A-Z a-z 0-9 . _ - (it becomes part of Kafka's group.instance.id)");
      }
      return instanceId;
    }
    return givenCheckpointDir == null ? ReceiverWordCount.defaultInstance() : fromCheckpointDir(givenCheckpointDir);
  }

  /**
   * {@code ckpt-<hash>} of where the directory is: for a local one the host and the absolute path (the same
   * path on two hosts is two directories), else the URI (a shared file system's directory is one from any host).
   */
  static String fromCheckpointDir(String dir) {
    boolean remote = REMOTE_URI.matcher(dir).lookingAt() && !dir.startsWith("file:");
    String location = remote ? dir
        : localHost() + ":" + Path.of(dir.replaceFirst("^file:(//)?", "")).toAbsolutePath().normalize();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
      return "ckpt-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** Each receiver holds a core for good: local[n] with n <= receivers would receive but never process. */
  private void requireCoresBeyondReceivers(String master) {
    Matcher local = LOCAL_N.matcher(master.toLowerCase(Locale.ROOT));
    int cores;
    if (master.equals("local")) {
      cores = 1;
    } else if (local.matches()) {
      cores = local.group(1).equals("*") ? Runtime.getRuntime().availableProcessors()
          : Integer.parseInt(local.group(1));
    } else {
      return; // a cluster: its executors' cores are not known here
    }
    if (cores <= receivers) {
      throw UsageException.withUsage("--master " + master + " gives " + cores + " core(s) for " + receivers
          + " receiver(s): each receiver holds a core, so nothing would be processed; use local[" + (receivers + 1)
          + "] or more");
    }
  }

  private static void requireAtLeastOne(String option, int value) {
    if (value < 1) {
      throw UsageException.withUsage(option + " '" + value + "' is invalid: use a number >= 1");
    }
  }
}
