package io.github.kswordcount.bench;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A pair of the table, as {@code --only} names it, with the fat jar of ours it runs. */
enum Pair {
  /** producer-cli against Kafka's ConsoleProducer, with ProducerPerformance as the ceiling. */
  PRODUCER("producer-cli"),
  /** consumer-cli against Kafka's ConsoleConsumer, with ConsumerPerformance as the ceiling. */
  CONSUMER("consumer-cli"),
  /** direct-app against the lab's job. */
  DIRECT("direct-app"),
  /** receiver-app without and with the write-ahead log. */
  RECEIVER("receiver-app");

  private final String module;

  Pair(String module) {
    this.module = module;
  }

  /**
   * The pair {@code --only} calls {@code name}.
   *
   * @param name e.g. {@code producer}
   * @return the pair, or empty for a name that is none
   */
  static Optional<Pair> named(String name) {
    return Arrays.stream(values()).filter(pair -> pair.cliName().equals(name)).findFirst();
  }

  /** The names {@code --only} takes, for its error message. */
  static String names() {
    return Arrays.stream(values()).map(Pair::cliName).collect(Collectors.joining(", "));
  }

  /**
   * The fat jars a run of these pairs needs, each {@code <module>/target/<module>.jar}: the broker's and ours.
   *
   * @param pairs the pairs
   * @return the modules, local-kafka first
   */
  static Set<String> fatJars(Set<Pair> pairs) {
    Set<String> modules = new LinkedHashSet<>();
    modules.add("local-kafka");
    pairs.forEach(pair -> modules.add(pair.module));
    return modules;
  }

  String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
