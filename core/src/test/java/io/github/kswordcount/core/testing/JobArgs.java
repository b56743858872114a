package io.github.kswordcount.core.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line a job run in this JVM starts from in the integration tests: the broker, two local cores,
 * one-second batches, no counts printed ({@code --print 0}: the tests read the output topic or stderr) and no Spark
 * UI. A test adds its own options after these.
 */
public final class JobArgs {

  private JobArgs() {}

  /**
   * {@code --bootstrap-server <bootstrap> --master local[2] --batch-seconds 1 --print 0 --spark-conf
   * spark.ui.enabled=false}, then {@code more}.
   *
   * @param bootstrap the brokers
   * @param more the test's own options, appended in order
   * @return the command line
   */
  public static String[] local(String bootstrap, String... more) {
    return join(List.of("--bootstrap-server", bootstrap, "--master", "local[2]"), more);
  }

  /**
   * As {@link #local}, without {@code --master}: for tests that name each run's master themselves, or leave the
   * job's default.
   *
   * @param bootstrap the brokers
   * @param more the test's own options, appended in order
   * @return the command line
   */
  public static String[] withoutMaster(String bootstrap, String... more) {
    return join(List.of("--bootstrap-server", bootstrap), more);
  }

  private static String[] join(List<String> start, String... more) {
    List<String> all = new ArrayList<>(start);
    all.addAll(List.of("--batch-seconds", "1", "--print", "0", "--spark-conf", "spark.ui.enabled=false"));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }
}
