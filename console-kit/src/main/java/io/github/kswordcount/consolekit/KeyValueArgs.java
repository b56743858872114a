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

  /**
   * Parses one {@code key=value} argument strictly, splitting at the first {@code =}: for options where a
   * missing {@code =} is a mistake rather than an empty value ({@code --consumer-property}, {@code --spark-conf}).
   *
   * @param pair the text given by the user
   * @return the key (trimmed) and the value (which may be empty or contain {@code =})
   * @throws IllegalArgumentException when there is no {@code =} or the key is empty
   */
  public static Map.Entry<String, String> parsePair(String pair) {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("'" + pair + "' is not a key=value pair");
    }
    return Map.entry(pair.substring(0, eq).trim(), pair.substring(eq + 1));
  }
}
