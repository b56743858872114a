package io.github.kswordcount.consumer;

import io.github.kswordcount.consolekit.ConsoleCommand;
import io.github.kswordcount.consolekit.KeyValueArgs;
import io.github.kswordcount.consolekit.PropertiesFile;
import io.github.kswordcount.consolekit.UsageException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The options of kafka-console-consumer (Kafka 3.9.2), declared on jopt-simple as Kafka's
 * {@code ConsoleConsumerOptions} declares them, and every rule between them, applied once by
 * {@link #toSettings(OptionSet)} in the order Kafka's tool applies them, with Kafka's messages.
 */
final class ConsumerOptions {

  /** The header Kafka prints above the usage for {@code --help} or no arguments. */
  static final String HELP_HEADER =
      "This tool helps to read data from Kafka topics and outputs it to standard output.";

  /**
   * Our default {@code max.partition.fetch.bytes} (Kafka's client: 1 MiB). Through the 1 MiB socket buffer below,
   * 2 MiB reads as fast as 8 MiB did and takes about 35 MB less memory (docs/profile.md).
   */
  static final String DEFAULT_MAX_PARTITION_FETCH_BYTES = "2097152";
  /** Our default {@code max.poll.records} (Kafka's client: 500). */
  static final String DEFAULT_MAX_POLL_RECORDS = "5000";
  /** Our default {@code receive.buffer.bytes} (Kafka's client: 64 KiB). */
  static final String DEFAULT_RECEIVE_BUFFER_BYTES = "1048576";

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

  private final ConsoleCommand command = new ConsoleCommand(HELP_HEADER);
  private final OptionParser parser = command.parser();

  // Every option, as Kafka declares it.
  private final OptionSpec<String> topic = parser.accepts("topic", "The topic to consume on.")
      .withRequiredArg().describedAs("topic").ofType(String.class);
  private final OptionSpec<String> whitelist = parser.accepts("whitelist", "DEPRECATED, use --include instead; "
          + "ignored if --include specified. Regular expression specifying list of topics to include.")
      .withRequiredArg().describedAs("Java regex (String)").ofType(String.class);
  private final OptionSpec<String> include = parser.accepts("include", "Regular expression specifying list of "
          + "topics to include for consumption.")
      .withRequiredArg().describedAs("Java regex (String)").ofType(String.class);
  private final OptionSpec<Integer> partition = parser.accepts("partition", "The partition to consume from. "
          + "Consumption starts from the end of the partition unless '--offset' is specified.")
      .withRequiredArg().describedAs("partition").ofType(Integer.class);
  private final OptionSpec<String> offset = parser.accepts("offset", "The offset to consume from (a non-negative "
          + "number), or 'earliest' which means from beginning, or 'latest' which means from end")
      .withRequiredArg().describedAs("consume offset").ofType(String.class).defaultsTo("latest");
  private final OptionSpec<String> consumerProperty = parser.accepts("consumer-property", "A mechanism to pass "
          + "user-defined properties in the form key=value to the consumer. Kafka 4's name: --command-property.")
      .withRequiredArg().describedAs("consumer_prop").ofType(String.class);
  private final OptionSpec<String> consumerConfig = parser.accepts("consumer.config", "Consumer config properties "
          + "file. Note that --consumer-property takes precedence over this config. Kafka 4's name: "
          + "--command-config.")
      .withRequiredArg().describedAs("config file").ofType(String.class);
  private final OptionSpec<String> formatter = parser.accepts("formatter", "The name of a class to use for "
          + "formatting kafka messages for display, or 'json': one JSON object per line with topic, partition, "
          + "offset, timestamp, timestampType, key, value and headers (an array of {key, value} in order); null "
          + "as null, and bytes that are not UTF-8 as base64 with keyEncoding/valueEncoding \"base64\" beside them "
          + "(kcat -J).")
      .withRequiredArg().describedAs("class").ofType(String.class).defaultsTo(FormatterLoader.KAFKA_DEFAULT);
  private final OptionSpec<String> property = parser.accepts("property", PROPERTY_HELP
          + "\nKafka 4's name: --formatter-property.")
      .withRequiredArg().describedAs("prop").ofType(String.class);
  private final OptionSpec<String> formatterConfig = parser.accepts("formatter-config", "Config properties file to "
          + "initialize the message formatter. Note that --property (or --formatter-property) takes precedence over "
          + "this config.")
      .withRequiredArg().describedAs("config file").ofType(String.class);
  private final OptionSpec<Void> fromBeginning = parser.accepts("from-beginning", "If the consumer does not already "
      + "have an established offset to consume from, start with the earliest message present in the log rather "
      + "than the latest message.");
  private final OptionSpec<Integer> maxMessages = parser.accepts("max-messages", "The maximum number of messages to "
          + "consume before exiting. If not set, consumption is continual.")
      .withRequiredArg().describedAs("num_messages").ofType(Integer.class);
  private final OptionSpec<Long> timeoutMs = parser.accepts("timeout-ms", "If specified, exit if no message is "
          + "available for consumption for the specified interval.")
      .withRequiredArg().describedAs("timeout_ms").ofType(Long.class);
  private final OptionSpec<Void> skipMessageOnError = parser.accepts("skip-message-on-error", "If there is an error "
      + "when processing a message, skip it instead of halt.");
  private final OptionSpec<String> bootstrapServer = parser.accepts("bootstrap-server", "REQUIRED: The server(s) to "
          + "connect to.")
      .withRequiredArg().describedAs("server to connect to").ofType(String.class);
  private final OptionSpec<String> keyDeserializer = parser.accepts("key-deserializer", "A Deserializer class to "
          + "print keys with (the formatter's key.deserializer).")
      .withRequiredArg().describedAs("deserializer for key").ofType(String.class);
  private final OptionSpec<String> valueDeserializer = parser.accepts("value-deserializer", "A Deserializer class "
          + "to print values with (the formatter's value.deserializer).")
      .withRequiredArg().describedAs("deserializer for values").ofType(String.class);
  private final OptionSpec<Void> enableSystestEvents = parser.accepts("enable-systest-events", "Log lifecycle "
      + "events of the consumer in addition to logging consumed messages. (This is specific for system tests.)");
  private final OptionSpec<String> isolationLevel = parser.accepts("isolation-level", "Set to read_committed in "
          + "order to filter out transactional messages which are not committed. Set to read_uncommitted to read "
          + "all messages.")
      .withRequiredArg().ofType(String.class).defaultsTo("read_uncommitted");
  private final OptionSpec<String> group = parser.accepts("group", "The consumer group id of the consumer.")
      .withRequiredArg().describedAs("consumer group id").ofType(String.class);

  // Kafka 4's names (KIP-1147), with Kafka 4.4's help texts; each refused beside its 3.9 name, as in Kafka 4.4.
  private final OptionSpec<String> commandProperty = parser.accepts("command-property", "Consumer config properties "
          + "in the form key=value.")
      .withRequiredArg().describedAs("consumer_prop").ofType(String.class);
  private final OptionSpec<String> commandConfig = parser.accepts("command-config", "Consumer config properties "
          + "file. Note that [command-property] takes precedence over this config.")
      .withRequiredArg().describedAs("config file").ofType(String.class);
  private final OptionSpec<String> formatterProperty = parser.accepts("formatter-property", PROPERTY_HELP)
      .withRequiredArg().describedAs("prop").ofType(String.class);

  // kcat's habits, which Kafka's tool lacks (none of these names is a flag of Kafka 3.9's or 4.4's tool).
  private final OptionSpec<Void> exitAtEnd = parser.accepts("exit-at-end", "Exit (status 0) once every partition "
      + "read has reached the end offset it had when it was assigned, also for an empty topic; records written "
      + "later are not printed (kcat -e). With --max-messages or --timeout-ms, whichever comes first.");
  private final OptionSpec<String> fromTime = parser.accepts("from-time", "Start each partition at its first "
          + "record with a timestamp at or after this time (kcat -o s@): milliseconds since the epoch, or ISO-8601 "
          + "with an offset (2024-05-01T10:00:00Z, 2024-05-01T12:00:00+02:00). A partition with no such record "
          + "starts at its end. Replaces the group's committed offsets at start; not with --from-beginning or "
          + "--offset.")
      .withRequiredArg().describedAs("ms | ISO-8601").ofType(String.class);
  private final OptionSpec<String> toTime = parser.accepts("to-time", "Stop each partition at its first record "
          + "with a timestamp after this time, not printed (kcat -o e@, with the time included); exit 0 once every "
          + "partition has stopped. A partition with no record after it waits for one (with --exit-at-end: stops "
          + "at its end). Same forms as --from-time.")
      .withRequiredArg().describedAs("ms | ISO-8601").ofType(String.class);
  private final OptionSpec<String> format = parser.accepts("format", "Print each record by this pattern (kcat "
          + "-f): %t topic, %p partition, %o offset, %T timestamp (ms, -1 for none), %k key, %s value, %h headers "
          + "(k=v,k2=v2; a null value prints its key alone), %% a percent sign; \\n newline, \\t tab, \\r "
          + "carriage return, \\\\ backslash. A null key or value prints nothing. Not with --formatter or "
          + "formatter properties.")
      .withRequiredArg().describedAs("pattern").ofType(String.class);

  /**
   * The command line these options are declared on, to run the tool with.
   *
   * @return the command
   */
  ConsoleCommand command() {
    return command;
  }

  /**
   * Applies every rule and builds the settings.
   *
   * @param options the options given, neither {@code --help} nor {@code --version}
   * @return the settings
   * @throws UsageException with Kafka's message for the first rule broken
   */
  ConsumerSettings toSettings(OptionSet options) {
    checkRequiredArgs(options);
    // Kafka 4.4's checks of its new names, in its order, with its messages and the usage.
    ConsoleCommand.refuseTogether(options, consumerProperty, commandProperty);
    ConsoleCommand.refuseTogether(options, consumerConfig, commandConfig);
    OptionSpec<String> configFile = options.has(commandConfig) ? commandConfig : consumerConfig;
    Map<String, String> fromFile = options.has(configFile)
        ? PropertiesFile.read(options.valueOf(configFile)) : Map.of();
    Map<String, String> overrides = KeyValueArgs.parse(
        options.valuesOf(options.has(commandProperty) ? commandProperty : consumerProperty));
    Set<String> groupIds = checkConsumerGroup(options, fromFile, overrides);
    Map<String, Object> config = consumerConfig(options, fromFile, overrides, groupIds);
    long startOffset = parseOffset(options);
    long timeout = options.has(timeoutMs) ? options.valueOf(timeoutMs) : -1;
    Class<?> formatterClass = FormatterLoader.resolve(options.valueOf(formatter));
    ConsoleCommand.refuseTogether(options, property, formatterProperty);
    Map<String, String> formatterProperties = formatterConfig(options);
    // Then the rules of our own options, which a command line of Kafka's never meets.
    StopTimes times = stopTimes(options);
    if (options.has(format)) {
      refuseWithFormat(options);
      formatterClass = PatternFormatter.class;
      formatterProperties = Map.of(PatternFormatter.PATTERN_CONFIG, options.valueOf(format));
      PatternFormatter.check(options.valueOf(format));
    } else if (formatterClass == JsonFormatter.class) {
      refuseFormatterProperties(options, "--formatter json");
    }
    return new ConsumerSettings(config, topic(options), include(options), partition(options), startOffset,
        options.has(maxMessages) ? options.valueOf(maxMessages) : -1,
        timeout >= 0 ? timeout : Long.MAX_VALUE,
        options.has(skipMessageOnError), options.has(enableSystestEvents), formatterClass, formatterProperties,
        options.has(exitAtEnd), times.from(), times.to());
  }

  private static String name(OptionSpec<?> option) {
    return "--" + option.options().get(0);
  }

  /** {@code --from-time} and {@code --to-time}, parsed, and where they start against the other start options. */
  private StopTimes stopTimes(OptionSet options) {
    OptionalLong from = time(options, fromTime);
    OptionalLong to = time(options, toTime);
    if (from.isPresent()) {
      for (OptionSpec<?> start : List.of(fromBeginning, offset)) {
        if (options.has(start)) {
          throw UsageException.alone("--from-time and " + name(start) + " cannot be used together: both say where "
              + "to start");
        }
      }
      if (to.isPresent() && from.getAsLong() > to.getAsLong()) {
        throw UsageException.alone("--from-time " + options.valueOf(fromTime) + " is after --to-time "
            + options.valueOf(toTime) + ": nothing could be printed");
      }
    }
    return new StopTimes(from, to);
  }

  private static OptionalLong time(OptionSet options, OptionSpec<String> option) {
    return options.has(option) ? OptionalLong.of(TimeArgument.parse(name(option), options.valueOf(option)))
        : OptionalLong.empty();
  }

  /** The parsed times, either of which may be absent. */
  private record StopTimes(OptionalLong from, OptionalLong to) {}

  private void refuseWithFormat(OptionSet options) {
    if (options.has(formatter)) {
      throw UsageException.alone("--format and --formatter cannot be used together: --format prints by its "
          + "pattern alone");
    }
    refuseFormatterProperties(options, "--format");
  }

  /** --format and --formatter json print every field their own way: a formatter property would be ignored. */
  private void refuseFormatterProperties(OptionSet options, String output) {
    for (OptionSpec<?> option : List.of(property, formatterProperty, formatterConfig, keyDeserializer,
        valueDeserializer)) {
      if (options.has(option)) {
        String example = options.valuesOf(option).isEmpty() ? "" : " " + options.valuesOf(option).get(0);
        throw UsageException.alone(output + " takes no formatter properties (" + name(option) + example + "): it "
            + "prints each field its own way");
      }
    }
  }

  private void checkRequiredArgs(OptionSet options) {
    if (topic(options).isPresent() == include(options).isPresent()) {
      String deprecated = options.has(whitelist)
          ? "--whitelist is DEPRECATED use --include instead; ignored if --include specified." : "";
      throw UsageException.kafkaText("Exactly one of --include/--topic is required. " + deprecated, true);
    }
    if (partition(options).isPresent()) {
      if (!options.has(topic)) {
        throw UsageException.kafkaText("The topic is required when partition is specified.", true);
      }
      if (options.has(fromBeginning) && options.has(offset)) {
        throw UsageException.kafkaText("Options from-beginning and offset cannot be specified together.", true);
      }
    } else if (options.has(offset)) {
      throw UsageException.kafkaText("The partition is required when offset is specified.", true);
    }
    if (!options.has(bootstrapServer)) {
      throw UsageException.kafkaText("Missing required argument \"" + bootstrapServer + "\"", true);
    }
  }

  private Set<String> checkConsumerGroup(OptionSet options, Map<String, String> fromFile,
      Map<String, String> overrides) {
    // A HashSet, as Kafka's, so the ids are listed in the same order in the message.
    Set<String> groupIds = new HashSet<>();
    if (options.has(group)) {
      groupIds.add(options.valueOf(group));
    }
    if (fromFile.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
      groupIds.add(fromFile.get(ConsumerConfig.GROUP_ID_CONFIG));
    }
    if (overrides.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
      groupIds.add(overrides.get(ConsumerConfig.GROUP_ID_CONFIG));
    }
    if (groupIds.size() > 1) {
      throw UsageException.kafkaText("The group ids provided in different places (directly using '--group', "
          + "via '--consumer-property', or via '--consumer.config') do not match. Detected group ids: "
          + groupIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ")), true);
    }
    if (!groupIds.isEmpty() && partition(options).isPresent()) {
      throw UsageException.kafkaText("Options group and partition cannot be specified together.", true);
    }
    return groupIds;
  }

  private Map<String, Object> consumerConfig(OptionSet options, Map<String, String> fromFile,
      Map<String, String> overrides, Set<String> groupIds) {
    Map<String, Object> props = new LinkedHashMap<>(fromFile);
    props.putAll(overrides);
    setAutoOffsetReset(props, options.has(fromBeginning));
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.valueOf(bootstrapServer));
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "console-consumer");
    if (options.has(isolationLevel) || !props.containsKey(ConsumerConfig.ISOLATION_LEVEL_CONFIG)) {
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, options.valueOf(isolationLevel));
    }
    if (groupIds.isEmpty()) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, "console-consumer-" + RANDOM.nextInt(100000));
      // As Kafka: a generated group is not meant to be used again, so its offsets are not committed.
      props.putIfAbsent(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    } else {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, groupIds.iterator().next());
    }
    // Buffering only, below anything the user sets: bigger fetches and polls (8 MiB then, Kafka's 1 MiB and 500)
    // carried a million small records about 15% faster into a pipe; a 1 MiB socket buffer (Kafka's 64 KiB), which
    // the broker fills while records are written out, 1.06x more (0.98x..1.33x, 9 alternated rounds); through it
    // a 2 MiB fetch reads as fast as 8 MiB did, with less memory (DEFAULT_MAX_PARTITION_FETCH_BYTES).
    props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, DEFAULT_MAX_PARTITION_FETCH_BYTES);
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, DEFAULT_MAX_POLL_RECORDS);
    props.putIfAbsent(ConsumerConfig.RECEIVE_BUFFER_CONFIG, DEFAULT_RECEIVE_BUFFER_BYTES);
    return props;
  }

  private static void setAutoOffsetReset(Map<String, Object> props, boolean fromBeginning) {
    Object configured = props.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
    if (configured == null) {
      props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
    } else if (fromBeginning && !"earliest".equals(configured)) {
      throw UsageException.kafkaText("Can't simultaneously specify --from-beginning and 'auto.offset.reset="
          + configured + "', please remove one option", false);
    }
  }

  private long parseOffset(OptionSet options) {
    if (!options.has(offset)) {
      return options.has(fromBeginning) ? ConsumerSettings.EARLIEST : ConsumerSettings.LATEST;
    }
    String given = options.valueOf(offset);
    switch (given.toLowerCase(Locale.ROOT)) {
      case "earliest":
        return ConsumerSettings.EARLIEST;
      case "latest":
        return ConsumerSettings.LATEST;
      default:
        try {
          long value = Long.parseLong(given);
          if (value >= 0) {
            return value;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw UsageException.kafkaText("The provided offset value '" + given + "' is incorrect. Valid values "
            + "are 'earliest', 'latest', or a non-negative long.", true);
    }
  }

  private Map<String, String> formatterConfig(OptionSet options) {
    Map<String, String> config = new LinkedHashMap<>();
    if (options.has(formatterConfig)) {
      config.putAll(PropertiesFile.read(options.valueOf(formatterConfig)));
    }
    String keyClass = options.valueOf(keyDeserializer);
    if (keyClass != null && !keyClass.isEmpty()) {
      config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, keyClass);
    }
    String valueClass = options.valueOf(valueDeserializer);
    if (valueClass != null && !valueClass.isEmpty()) {
      config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, valueClass);
    }
    OptionSpec<String> given = options.has(formatterProperty) ? formatterProperty : property;
    config.putAll(KeyValueArgs.parse(options.valuesOf(given)));
    return config;
  }

  private Optional<String> topic(OptionSet options) {
    return Optional.ofNullable(options.has(topic) ? options.valueOf(topic) : null);
  }

  private Optional<String> include(OptionSet options) {
    return Optional.ofNullable(options.valueOf(options.has(include) ? include : whitelist));
  }

  private OptionalInt partition(OptionSet options) {
    return options.has(partition) ? OptionalInt.of(options.valueOf(partition)) : OptionalInt.empty();
  }
}
