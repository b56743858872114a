package io.github.kswordcount.consumer;

import io.github.kswordcount.core.cli.ArgParser;
import io.github.kswordcount.core.cli.CommandLineException;
import io.github.kswordcount.core.cli.KeyValueArgs;
import io.github.kswordcount.core.cli.OptionSpec;
import io.github.kswordcount.core.cli.ParsedArgs;
import io.github.kswordcount.core.kafka.KafkaParams;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The options of kafka-console-consumer (Kafka 3.9.1) and every rule between them, applied once by
 * {@link #toSettings(ParsedArgs)} in the order Kafka's tool applies them, with Kafka's messages.
 */
public final class ConsumerOptions {

  /** The header Kafka prints above the usage for {@code --help} or no arguments. */
  public static final String HELP_HEADER =
      "This tool helps to read data from Kafka topics and outputs it to standard output.";

  /** Our default {@code max.partition.fetch.bytes} (Kafka's client: 1 MiB). */
  static final String DEFAULT_MAX_PARTITION_FETCH_BYTES = "8388608";
  /** Our default {@code max.poll.records} (Kafka's client: 500). */
  static final String DEFAULT_MAX_POLL_RECORDS = "5000";

  private static final Random RANDOM = new SecureRandom();

  private static final String PROPERTY_HELP = String.join("\n",
      "The properties to initialize the message formatter. Default properties include:",
      " print.timestamp=true|false",
      " print.key=true|false",
      " print.offset=true|false",
      " print.partition=true|false",
      " print.headers=true|false",
      " print.value=true|false",
      " key.separator=<key.separator>",
      " line.separator=<line.separator>",
      " headers.separator=<line.separator>",
      " null.literal=<null.literal>",
      " key.deserializer=<key.deserializer>",
      " value.deserializer=<value.deserializer>",
      " headers.deserializer=<headers.deserializer>",
      "Users can also pass in customized properties for their formatter; more specifically, users can pass in "
          + "properties keyed with 'key.deserializer.', 'value.deserializer.' and 'headers.deserializer.' prefixes "
          + "to configure their deserializers.");

  /** Every option, as Kafka declares it. */
  static final ArgParser PARSER = new ArgParser(List.of(
      OptionSpec.withArg("topic", "String", "topic", "The topic to consume on.", null),
      OptionSpec.withArg("whitelist", "String", "Java regex (String)", "DEPRECATED, use --include instead; "
          + "ignored if --include specified. Regular expression specifying list of topics to include.", null),
      OptionSpec.withArg("include", "String", "Java regex (String)", "Regular expression specifying list of topics "
          + "to include for consumption.", null),
      OptionSpec.withArg("partition", "Integer", "partition", "The partition to consume from. Consumption starts "
          + "from the end of the partition unless '--offset' is specified.", null),
      OptionSpec.withArg("offset", "String", "consume offset", "The offset to consume from (a non-negative "
          + "number), or 'earliest' which means from beginning, or 'latest' which means from end", "latest"),
      OptionSpec.withArg("consumer-property", "String", "consumer_prop", "A mechanism to pass user-defined "
          + "properties in the form key=value to the consumer.", null),
      OptionSpec.withArg("consumer.config", "String", "config file", "Consumer config properties file. Note that "
          + "--consumer-property takes precedence over this config.", null),
      OptionSpec.withArg("formatter", "String", "class", "The name of a class to use for formatting kafka messages "
          + "for display.", FormatterLoader.KAFKA_DEFAULT),
      OptionSpec.withArg("property", "String", "prop", PROPERTY_HELP, null),
      OptionSpec.withArg("formatter-config", "String", "config file", "Config properties file to initialize the "
          + "message formatter. Note that --property takes precedence over this config.", null),
      OptionSpec.flag("from-beginning", "If the consumer does not already have an established offset to consume "
          + "from, start with the earliest message present in the log rather than the latest message."),
      OptionSpec.withArg("max-messages", "Integer", "num_messages", "The maximum number of messages to consume "
          + "before exiting. If not set, consumption is continual.", null),
      OptionSpec.withArg("timeout-ms", "Long", "timeout_ms", "If specified, exit if no message is available for "
          + "consumption for the specified interval.", null),
      OptionSpec.flag("skip-message-on-error", "If there is an error when processing a message, skip it instead "
          + "of halt."),
      OptionSpec.withArg("bootstrap-server", "String", "server to connect to", "REQUIRED: The server(s) to connect "
          + "to.", null),
      OptionSpec.withArg("key-deserializer", "String", "deserializer for key", "A Deserializer class to print keys "
          + "with (the formatter's key.deserializer).", null),
      OptionSpec.withArg("value-deserializer", "String", "deserializer for values", "A Deserializer class to print "
          + "values with (the formatter's value.deserializer).", null),
      OptionSpec.flag("enable-systest-events", "Log lifecycle events of the consumer in addition to logging "
          + "consumed messages. (This is specific for system tests.)"),
      OptionSpec.withArg("isolation-level", "String", "", "Set to read_committed in order to filter out "
          + "transactional messages which are not committed. Set to read_uncommitted to read all messages.",
          "read_uncommitted"),
      OptionSpec.withArg("group", "String", "consumer group id", "The consumer group id of the consumer.", null),
      OptionSpec.flag("help", "Print usage information."),
      OptionSpec.flag("version", "Display Kafka version.")));

  private ConsumerOptions() {}

  /**
   * Applies every rule and builds the settings.
   *
   * @param parsed the options, neither {@code --help} nor {@code --version}
   * @return the settings
   * @throws CommandLineException with Kafka's message for the first rule broken
   */
  public static ConsumerSettings toSettings(ParsedArgs parsed) {
    checkRequiredArgs(parsed);
    Map<String, String> fromFile = parsed.has("consumer.config")
        ? readProperties(parsed.valueOf("consumer.config")) : Map.of();
    Map<String, String> overrides = KeyValueArgs.parse(parsed.valuesOf("consumer-property"));
    Set<String> groupIds = checkConsumerGroup(parsed, fromFile, overrides);
    Map<String, Object> config = consumerConfig(parsed, fromFile, overrides, groupIds);
    long offset = parseOffset(parsed);
    long timeout = parsed.has("timeout-ms") ? parsed.longValue("timeout-ms") : -1;
    Class<?> formatter = FormatterLoader.resolve(parsed.valueOf("formatter"));
    Map<String, String> formatterConfig = formatterConfig(parsed);
    return new ConsumerSettings(config, topic(parsed), include(parsed), partition(parsed), offset,
        parsed.has("max-messages") ? parsed.intValue("max-messages") : -1,
        timeout >= 0 ? timeout : Long.MAX_VALUE,
        parsed.has("skip-message-on-error"), parsed.has("enable-systest-events"), formatter, formatterConfig);
  }

  private static void checkRequiredArgs(ParsedArgs parsed) {
    if (topic(parsed).isPresent() == include(parsed).isPresent()) {
      String whitelist = parsed.has("whitelist")
          ? "--whitelist is DEPRECATED use --include instead; ignored if --include specified." : "";
      throw CommandLineException.withUsage("Exactly one of --include/--topic is required. " + whitelist);
    }
    if (partition(parsed).isPresent()) {
      if (!parsed.has("topic")) {
        throw CommandLineException.withUsage("The topic is required when partition is specified.");
      }
      if (parsed.has("from-beginning") && parsed.has("offset")) {
        throw CommandLineException.withUsage("Options from-beginning and offset cannot be specified together.");
      }
    } else if (parsed.has("offset")) {
      throw CommandLineException.withUsage("The partition is required when offset is specified.");
    }
    if (!parsed.has("bootstrap-server")) {
      throw CommandLineException.withUsage("Missing required argument \"[bootstrap-server]\"");
    }
  }

  private static Set<String> checkConsumerGroup(ParsedArgs parsed, Map<String, String> fromFile,
      Map<String, String> overrides) {
    // A HashSet, as Kafka's, so the ids are listed in the same order in the message.
    Set<String> groupIds = new HashSet<>();
    if (parsed.has("group")) {
      groupIds.add(parsed.valueOf("group"));
    }
    if (fromFile.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
      groupIds.add(fromFile.get(ConsumerConfig.GROUP_ID_CONFIG));
    }
    if (overrides.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
      groupIds.add(overrides.get(ConsumerConfig.GROUP_ID_CONFIG));
    }
    if (groupIds.size() > 1) {
      throw CommandLineException.withUsage("The group ids provided in different places (directly using '--group', "
          + "via '--consumer-property', or via '--consumer.config') do not match. Detected group ids: "
          + groupIds.stream().map(group -> "'" + group + "'").collect(Collectors.joining(", ")));
    }
    if (!groupIds.isEmpty() && partition(parsed).isPresent()) {
      throw CommandLineException.withUsage("Options group and partition cannot be specified together.");
    }
    return groupIds;
  }

  private static Map<String, Object> consumerConfig(ParsedArgs parsed, Map<String, String> fromFile,
      Map<String, String> overrides, Set<String> groupIds) {
    Map<String, Object> props = new LinkedHashMap<>(fromFile);
    props.putAll(overrides);
    setAutoOffsetReset(props, parsed.has("from-beginning"));
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, parsed.valueOf("bootstrap-server"));
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "console-consumer");
    if (parsed.has("isolation-level") || !props.containsKey(ConsumerConfig.ISOLATION_LEVEL_CONFIG)) {
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, parsed.valueOf("isolation-level"));
    }
    if (groupIds.isEmpty()) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, "console-consumer-" + RANDOM.nextInt(100000));
      // As Kafka: a generated group is not meant to be used again, so its offsets are not committed.
      props.putIfAbsent(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    } else {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, groupIds.iterator().next());
    }
    // Buffering only, below anything the user sets: bigger fetches and polls carry a million small records
    // about 15% faster into a pipe (Kafka's defaults are 1 MiB and 500).
    props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, DEFAULT_MAX_PARTITION_FETCH_BYTES);
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, DEFAULT_MAX_POLL_RECORDS);
    return props;
  }

  private static void setAutoOffsetReset(Map<String, Object> props, boolean fromBeginning) {
    Object configured = props.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
    if (configured == null) {
      props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
    } else if (fromBeginning && !"earliest".equals(configured)) {
      throw CommandLineException.alone("Can't simultaneously specify --from-beginning and 'auto.offset.reset="
          + configured + "', please remove one option");
    }
  }

  private static long parseOffset(ParsedArgs parsed) {
    if (!parsed.has("offset")) {
      return parsed.has("from-beginning") ? ConsumerSettings.EARLIEST : ConsumerSettings.LATEST;
    }
    String offset = parsed.valueOf("offset");
    switch (offset.toLowerCase(Locale.ROOT)) {
      case "earliest":
        return ConsumerSettings.EARLIEST;
      case "latest":
        return ConsumerSettings.LATEST;
      default:
        try {
          long value = Long.parseLong(offset);
          if (value >= 0) {
            return value;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw CommandLineException.withUsage("The provided offset value '" + offset + "' is incorrect. Valid values "
            + "are 'earliest', 'latest', or a non-negative long.");
    }
  }

  private static Map<String, String> formatterConfig(ParsedArgs parsed) {
    Map<String, String> config = new LinkedHashMap<>();
    if (parsed.has("formatter-config")) {
      config.putAll(readProperties(parsed.valueOf("formatter-config")));
    }
    String keyDeserializer = parsed.valueOf("key-deserializer");
    if (keyDeserializer != null && !keyDeserializer.isEmpty()) {
      config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, keyDeserializer);
    }
    String valueDeserializer = parsed.valueOf("value-deserializer");
    if (valueDeserializer != null && !valueDeserializer.isEmpty()) {
      config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, valueDeserializer);
    }
    config.putAll(KeyValueArgs.parse(parsed.valuesOf("property")));
    return config;
  }

  private static Optional<String> topic(ParsedArgs parsed) {
    return Optional.ofNullable(parsed.has("topic") ? parsed.valueOf("topic") : null);
  }

  private static Optional<String> include(ParsedArgs parsed) {
    return Optional.ofNullable(parsed.valueOf(parsed.has("include") ? "include" : "whitelist"));
  }

  private static OptionalInt partition(ParsedArgs parsed) {
    return parsed.has("partition") ? OptionalInt.of(parsed.intValue("partition")) : OptionalInt.empty();
  }

  private static Map<String, String> readProperties(String file) {
    try {
      return KafkaParams.readProperties(Path.of(file));
    } catch (IllegalArgumentException e) {
      throw CommandLineException.alone("error: " + e.getMessage());
    }
  }
}
