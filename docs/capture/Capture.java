import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the commands a Markdown document shows and writes their real output under them, so the document can be
 * regenerated and never drifts from the tools. Run from the repository's root by {@code docs/capture.sh}:
 * {@code java docs/capture/Capture.java docs/concepts.md}.
 *
 * <p>Three directives, each an HTML comment on its own line (invisible on GitHub), each but {@code stop} followed by
 * a {@code ```console} block whose {@code $ } lines are the commands (a line after one ending in {@code \}, or
 * starting with bash's {@code > } prompt, goes on):
 * <ul>
 *   <li>{@code <!-- capture -->}: the block's commands run in order in one bash, like one terminal; each one's
 *       stdout and stderr, merged, go under it. A command must exit 0 unless its last line ends with
 *       {@code # exit status N}, which the command must then return.
 *   <li>{@code <!-- capture background NAME until "REGEX" -->}: the block's one command starts in the background
 *       (a second terminal); its output up to the first line matching REGEX goes under it. It runs on until
 *       {@code <!-- stop NAME -->} (SIGTERM) or the end of the document.
 *   <li>{@code <!-- stop NAME -->}: stops that background command and waits for it.
 * </ul>
 * Any failure (a wrong exit status, a block over its time, a background command that ends early) stops
 * everything, leaves the document unchanged and exits 1, with the command and its output on stderr.
 */
public final class Capture {
  private static final Pattern CAPTURE = Pattern.compile("<!-- capture -->");
  private static final Pattern BACKGROUND =
      Pattern.compile("<!-- capture background (\\S+) until \"(.+)\" -->");
  private static final Pattern STOP = Pattern.compile("<!-- stop (\\S+) -->");
  private static final Pattern EXPECTED_EXIT = Pattern.compile("#\\s*exit status (\\d+)\\s*$");
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
  private static final long BLOCK_SECONDS = 240;
  private static final long READY_SECONDS = 120;
  private static final char MARK = '\u001e';

  private final Map<String, Background> running = new LinkedHashMap<>();

  public static void main(String[] args) throws Exception {
    Path doc = Path.of(args[0]);
    Capture capture = new Capture();
    List<String> written;
    try {
      written = capture.regenerate(Files.readAllLines(doc, UTF_8));
    } catch (CaptureFailed e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
      return;
    } finally {
      capture.stopAll();
    }
    Files.write(doc, written, UTF_8);
    System.err.println("Captured every command of " + doc);
  }

  private List<String> regenerate(List<String> in) throws Exception {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < in.size()) {
      String line = in.get(i++);
      out.add(line);
      Matcher stop = STOP.matcher(line.strip());
      Matcher background = BACKGROUND.matcher(line.strip());
      boolean capture = CAPTURE.matcher(line.strip()).matches();
      if (stop.matches()) {
        Background named = running.remove(stop.group(1));
        if (named == null) {
          throw new CaptureFailed("line " + i + ": nothing named '" + stop.group(1) + "' is running");
        }
        named.stop();
      } else if (capture || background.matches()) {
        if (i >= in.size() || !in.get(i).startsWith("```console")) {
          throw new CaptureFailed("line " + i + ": a ```console block must follow " + line.strip());
        }
        out.add(in.get(i++));
        List<String> commands = new ArrayList<>();
        while (i < in.size() && !in.get(i).startsWith("```")) {
          String blockLine = in.get(i++);
          if (blockLine.startsWith("$ ")) {
            commands.add(blockLine.substring(2));
          } else if (!commands.isEmpty() && (blockLine.startsWith("> ")
              || commands.get(commands.size() - 1).endsWith("\\"))) {
            commands.set(commands.size() - 1, commands.get(commands.size() - 1) + "\n" + blockLine);
          }
        }
        if (capture) {
          out.addAll(runBlock(commands));
        } else {
          out.addAll(startBackground(background.group(1), Pattern.compile(background.group(2)), commands));
        }
        if (i < in.size()) {
          out.add(in.get(i++));
        }
      }
    }
    if (!running.isEmpty()) {
      System.err.println("Stopping what the document left running: " + running.keySet());
    }
    return out;
  }

  /** Runs the commands in one bash, each output between two marks, and checks each exit status. */
  private static List<String> runBlock(List<String> commands) throws Exception {
    StringBuilder script = new StringBuilder("exec 2>&1\n");
    for (int k = 0; k < commands.size(); k++) {
      script.append("printf '\\036%d\\n' ").append(k).append('\n')
          .append(commands.get(k).replace("\n> ", "\n")).append('\n')
          .append("printf '\\036exit %d\\n' $?\n");
    }
    script.append("wait\n");
    System.err.println("$ " + String.join("\n$ ", commands));
    Process bash = new ProcessBuilder("bash", "-c", script.toString()).redirectErrorStream(true).start();
    bash.getOutputStream().close();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Thread reader = copy(bash.getInputStream(), bytes);
    if (!bash.waitFor(BLOCK_SECONDS, TimeUnit.SECONDS)) {
      kill(bash);
      throw new CaptureFailed("the block did not end within " + BLOCK_SECONDS + " s:\n$ "
          + String.join("\n$ ", commands) + "\n" + bytes.toString(UTF_8));
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    List<String> out = new ArrayList<>();
    String[] parts = clean(bytes.toString(UTF_8)).split(MARK + "");
    // parts: "", then per command "k\n<output>" and "exit N\n" (then what a background command wrote meanwhile)
    for (int k = 0; k < commands.size(); k++) {
      String command = commands.get(k);
      boolean ended = 2 * k + 2 < parts.length;
      String output = ended ? parts[2 * k + 1].substring(parts[2 * k + 1].indexOf('\n') + 1) : "";
      int status = ended ? Integer.parseInt(parts[2 * k + 2].lines().findFirst().orElseThrow().substring(5)) : -1;
      Matcher expected = EXPECTED_EXIT.matcher(command);
      int wanted = expected.find() ? Integer.parseInt(expected.group(1)) : 0;
      if (status != wanted) {
        throw new CaptureFailed("exit status " + status + ", not " + wanted + ", of\n$ " + command + "\n" + output);
      }
      out.add("$ " + command);
      output.lines().map(String::stripTrailing).forEach(out::add);
    }
    return out;
  }

  private List<String> startBackground(String name, Pattern until, List<String> commands) throws Exception {
    if (commands.size() != 1) {
      throw new CaptureFailed("a background block holds one command, not " + commands.size());
    }
    String command = commands.get(0);
    System.err.println("$ " + command + " &");
    Background started = new Background(command);
    running.put(name, started);
    List<String> out = new ArrayList<>();
    out.add("$ " + command);
    out.addAll(started.awaitLine(until));
    return out;
  }

  private void stopAll() {
    for (Background background : running.values()) {
      background.stop();
    }
    running.clear();
  }

  private static Thread copy(InputStream in, ByteArrayOutputStream to) {
    Thread thread = new Thread(() -> {
      try {
        in.transferTo(to);
      } catch (IOException e) {
        // The process was stopped and its pipe closed: what it wrote before is in `to`.
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static String clean(String text) {
    return ANSI.matcher(text).replaceAll("");
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** A command running in the background: its output so far, and a way to stop it. */
  private static final class Background {
    private final String command;
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    Background(String command) throws IOException {
      this.command = command;
      // exec: the pid is the command's own, so SIGTERM reaches it.
      this.process = new ProcessBuilder("bash", "-c", "exec " + command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      copy(process.getInputStream(), output);
    }

    List<String> awaitLine(Pattern until) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
      while (System.nanoTime() < deadline) {
        List<String> lines;
        synchronized (output) {
          lines = clean(output.toString(UTF_8)).lines().toList();
        }
        for (int k = 0; k < lines.size(); k++) {
          if (until.matcher(lines.get(k)).find()) {
            return lines.subList(0, k + 1).stream().map(String::stripTrailing).toList();
          }
        }
        if (!process.isAlive()) {
          throw new CaptureFailed("ended with status " + process.exitValue() + " before a line matched " + until
              + ":\n$ " + command + "\n" + output.toString(UTF_8));
        }
        process.waitFor(100, TimeUnit.MILLISECONDS);
      }
      throw new CaptureFailed("no line matched " + until + " within " + READY_SECONDS + " s:\n$ " + command + "\n"
          + output.toString(UTF_8));
    }

    void stop() {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          kill(process);
        }
      } catch (InterruptedException e) {
        kill(process);
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A capture that cannot go on: the message says which command and what it printed. */
  private static final class CaptureFailed extends RuntimeException {
    CaptureFailed(String message) {
      super(message);
    }
  }
}
