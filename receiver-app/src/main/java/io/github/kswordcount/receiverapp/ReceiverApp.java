package io.github.kswordcount.receiverapp;

import io.github.kswordcount.jobframe.JobMain;
import java.io.PrintStream;

/**
 * The receiver-based word-count job: {@code java -jar receiver-app.jar localhost:9092 lab}, or with named
 * options; {@code --help} lists them.
 */
public final class ReceiverApp {

  private ReceiverApp() {}

  /**
   * Runs the job without exiting the JVM.
   *
   * @param args the command line
   * @param err where progress, errors and usage go (counts go to {@code System.out})
   * @return 0 after a requested stop, 1 when the job failed, 2 for a usage error
   */
  public static int run(String[] args, PrintStream err) {
    ReceiverOptions options = new ReceiverOptions();
    return JobMain.run(new JobMain.Job<>(ReceiverJob.NAME, options, options::help, options::toSettings,
        ReceiverJob::run, ReceiverApp::describe, true), args, err);
  }

  private static String describe(ReceiverSettings s) {
    return "Receiving " + s.source().topics() + " from " + s.source().bootstrapServers() + " as group '"
        + s.source().group() + "', instance '" + s.instanceId() + "' (restart with --instance-id "
        + s.instanceId() + " to keep it), with " + s.receivers() + " receiver(s) x " + s.consumerThreads()
        + " thread(s), write-ahead log " + (s.writeAheadLog() ? "on" : "off")
        + (s.checkpointDir() == null ? "" : ", checkpoints in " + s.checkpointDir());
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
