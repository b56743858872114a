package io.github.kswordcount.jobframe;

import com.beust.jcommander.Parameter;
import io.github.kswordcount.consolekit.UsageException;
import io.github.kswordcount.core.kafka.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Where both jobs read from: brokers, topics or a pattern, group, start position and consumer settings.
 * Accepts the lab's positional form {@code BROKERS TOPICS} as well as named options.
 */
public final class KafkaSourceOptions {

  @Parameter(names = {"--bootstrap-server", "--brokers"}, description = "Kafka brokers, host:port[,host:port...]")
  private String bootstrapServer;

  @Parameter(names = "--topic", description = "Topic to read; repeat the option or separate names with commas")
  private List<String> topics = new ArrayList<>();

  @Parameter(names = "--include", description = "Read every topic whose whole name matches this Java regex, "
      + "including topics created while the job runs")
  private String include;

  @Parameter(names = "--group", description = "Consumer group that holds the job's offsets (default: wordcount-<job>)")
  private String group;

  @Parameter(names = "--from-beginning", description = "Where the group has no committed offset, start at the "
      + "earliest offset (default: the latest)")
  private boolean fromBeginning;

  @Parameter(names = "--consumer-property", description = "A consumer setting key=value; repeatable; beats --consumer.config")
  private List<String> consumerProperties = new ArrayList<>();

  @Parameter(names = "--consumer.config", description = "A properties file of consumer settings")
  private Path consumerConfig;

  @Parameter(description = "[BROKERS TOPICS] (the lab's form: localhost:9092 lab)")
  private List<String> positional = new ArrayList<>();

  /**
   * Applies the cross-option rules and builds the consumer parameters.
   *
   * @param defaultGroup the group when {@code --group} is not given
   * @return the validated source
   * @throws UsageException naming the bad option and the rule
   */
  public KafkaSource toSource(String defaultGroup) {
    for (String arg : positional) {
      if (arg.startsWith("-")) {
        // JCommander hands unknown options to the main parameter; say what they are.
        throw UsageException.withUsage("unknown option '" + arg + "'");
      }
    }
    String brokers = bootstrapServer;
    List<String> names = new ArrayList<>(topics);
    if (!positional.isEmpty()) {
      if (positional.size() != 2 || bootstrapServer != null || !topics.isEmpty()) {
        throw UsageException.withUsage("positional arguments " + positional + " are invalid: give exactly BROKERS TOPICS, "
            + "or use --bootstrap-server and --topic");
      }
      brokers = positional.get(0);
      names.addAll(List.of(positional.get(1).split(",")));
    }
    if (brokers == null) {
      throw UsageException.withUsage("--bootstrap-server is required (or the lab's form: BROKERS TOPICS)");
    }
    validateBrokers(brokers);
    names.removeIf(String::isBlank);
    if (names.isEmpty() == (include == null)) {
      throw UsageException.withUsage("give exactly one of --topic and --include");
    }
    String groupId = group == null ? defaultGroup : group;
    if (groupId.isBlank()) {
      throw UsageException.withUsage("--group must not be empty");
    }
    Topics read = include == null ? Topics.names(names) : Topics.pattern(includePattern());
    return new KafkaSource(brokers, read, groupId, fromBeginning, params(brokers, groupId));
  }

  private Pattern includePattern() {
    try {
      return Pattern.compile(include);
    } catch (PatternSyntaxException e) {
      throw UsageException.withUsage("--include '" + include + "' is invalid: " + e.getDescription());
    }
  }

  private Map<String, Object> params(String brokers, String groupId) {
    KafkaParams.Builder builder = KafkaParams.builder(brokers, groupId).fromBeginning(fromBeginning);
    try {
      if (consumerConfig != null) {
        builder.propertiesFile(consumerConfig);
      }
      consumerProperties.forEach(builder::override);
    } catch (IllegalArgumentException e) {
      throw UsageException.withUsage("--consumer-property/--consumer.config: " + e.getMessage());
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw UsageException.withUsage(e.getMessage());
    }
  }

  /** Brokers must look like host:port, as Kafka's tools require. */
  static void validateBrokers(String brokers) {
    for (String broker : brokers.split(",")) {
      int colon = broker.lastIndexOf(':');
      boolean ok = colon > 0 && colon < broker.length() - 1
          && broker.substring(colon + 1).chars().allMatch(Character::isDigit);
      if (!ok) {
        throw UsageException.withUsage("--bootstrap-server '" + brokers + "' is invalid: use host:port[,host:port...]");
      }
    }
  }
}
