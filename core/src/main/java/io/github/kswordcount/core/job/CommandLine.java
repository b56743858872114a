package io.github.kswordcount.core.job;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import io.github.kswordcount.consolekit.UsageException;
import java.io.PrintStream;

/** Parses a tool's arguments into its options object, the same way for every tool. */
final class CommandLine {

  private CommandLine() {}

  /**
   * Fills {@code options} from {@code args}. {@code @file} expansion is off: a Kafka user does not expect it.
   *
   * @param program the program name shown in the usage
   * @param options the JCommander-annotated options object
   * @param args the arguments
   * @return the parser, for {@link #usage}
   * @throws UsageException for an unknown option, a missing or malformed value
   */
  static JCommander parse(String program, Object options, String[] args) {
    JCommander commander = JCommander.newBuilder().programName(program).addObject(options)
        .expandAtSign(false).build();
    try {
      commander.parse(args);
    } catch (ParameterException e) {
      throw UsageException.withUsage(e.getMessage());
    }
    return commander;
  }

  /**
   * Prints the usage to {@code err}.
   *
   * @param commander the parser from {@link #parse}
   * @param err where to print
   */
  static void usage(JCommander commander, PrintStream err) {
    StringBuilder text = new StringBuilder();
    commander.getUsageFormatter().usage(text);
    err.print(text);
    err.flush();
  }
}
