package io.github.kswordcount.consolekit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code --property}-style {@code key=value} arguments the way Kafka's tools do. */
public final class KeyValueArgs {

  private KeyValueArgs() {}

  /**
   * Splits each argument at its first {@code =}. As Kafka's {@code CommandLineUtils.parseKeyValueArgs}: a
   * key without {@code =} gets an empty value, nothing is trimmed or unescaped, and the last value given for
   * a key wins.
   *
   * @param args the arguments in command-line order
   * @return the pairs in first-seen key order
   */
  public static Map<String, String> parse(List<String> args) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        pairs.put(arg, "");
      } else {
        pairs.put(arg.substring(0, eq), arg.substring(eq + 1));
      }
    }
    return pairs;
  }
}
