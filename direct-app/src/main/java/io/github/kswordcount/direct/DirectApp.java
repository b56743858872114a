package io.github.kswordcount.direct;

import io.github.kswordcount.jobframe.JobMain;
import java.io.PrintStream;

/**
 * The direct word-count job: {@code java -jar direct-app.jar localhost:9092 lab}, or with named options;
 * {@code --help} lists them.
 */
public final class DirectApp {

  private DirectApp() {}

  /**
   * Runs the job without exiting the JVM.
   *
   * @param args the command line
   * @param err where progress, errors and usage go (counts go to {@code System.out})
   * @return 0 after a requested stop, 1 when the job failed, 2 for a usage error
   */
  public static int run(String[] args, PrintStream err) {
    DirectOptions options = new DirectOptions();
    return JobMain.run(new JobMain.Job<>(DirectJob.NAME, options, options::help, options::toSettings,
        DirectJob::run, DirectApp::describe, false), args, err);
  }

  private static String describe(DirectSettings s) {
    return "Reading " + s.source().topics() + " from " + s.source().bootstrapServers() + " as group '"
        + s.source().group() + "', batches of " + s.job().batchMs() + " ms on " + s.job().master()
        + (s.exactlyOnce() ? ", exactly once into '" + s.count().outputTopic() + "'" : "");
  }

  /**
   * Runs the job and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.err));
  }
}
