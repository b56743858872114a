package io.github.kswordcount.producer;

import io.github.kswordcount.consolekit.ConsoleCommand;
import io.github.kswordcount.consolekit.KeyValueArgs;
import io.github.kswordcount.consolekit.PropertiesFile;
import io.github.kswordcount.consolekit.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The options of kafka-console-producer (Kafka 3.9.2), declared on jopt-simple as Kafka declares them, and
 * every rule between them, applied once by {@link #toSettings(OptionSet)} in the order Kafka's tool applies
 * them, so the first error reported is the same one.
 */
final class ProducerOptions {

  /** Kafka's default line reader; ours stands in for it under this name too. */
  static final String KAFKA_LINE_READER = "kafka.tools.ConsoleProducer$LineMessageReader";
  /** The header Kafka prints above the usage for {@code --help}. */
  static final String HELP_HEADER = "This tool helps to read data from standard input and publish it to Kafka.";

  /**
   * Default of {@code --timeout} ({@code linger.ms}). Kafka's is 1000, so a typed line waits a second; 20 ms
   * is prompt for a person and, measured on a million lines, as fast as longer lingers (5 ms was slower).
   */
  static final long DEFAULT_LINGER_MS = 20;
  /**
   * Default of {@code --batch-size} ({@code batch.size}). Kafka's is 16384; 256 KiB batches carry a
   * million lines about twice as fast, with the same acks, retries and idempotence.
   */
  static final int DEFAULT_BATCH_SIZE = 262144;

  private static final String PROPERTY_HELP = String.join("\n",
      "A mechanism to pass user-defined properties in the form key=value to the message reader.",
      "Default properties include:",
      " parse.key=false",
      " parse.headers=false",
      " ignore.error=false",
      " key.separator=\\t",
      " headers.delimiter=\\t",
      " headers.separator=,",
      " headers.key.separator=:",
      " null.marker=   When set, any fields (key, value and headers) equal to this will be replaced by null",
      "Default parsing pattern when:",
      " parse.headers=true and parse.key=true:",
      "  \"h1:v1,h2:v2...\\tkey\\tvalue\"",
      " parse.key=true:",
      "  \"key\\tvalue\"",
      " parse.headers=true:",
      "  \"h1:v1,h2:v2...\\tvalue\"",
      "parse.key, parse.headers, null.marker and the separators work exactly as in Kafka 3.9's LineMessageReader.");

  private final ConsoleCommand command = new ConsoleCommand(HELP_HEADER);
  private final OptionParser parser = command.parser();

  // Every option, as Kafka declares it (defaults differ only where the constants above say why).
  private final OptionSpec<String> topic = parser.accepts("topic", "REQUIRED: The topic id to produce messages to.")
      .withRequiredArg().describedAs("topic").ofType(String.class);
  private final OptionSpec<String> brokerList = parser.accepts("broker-list", "DEPRECATED, use --bootstrap-server "
          + "instead; ignored if --bootstrap-server is specified. The broker list string in the form "
          + "HOST1:PORT1,HOST2:PORT2.")
      .withRequiredArg().describedAs("broker-list").ofType(String.class);
  private final OptionSpec<String> bootstrapServer = parser.accepts("bootstrap-server", "REQUIRED unless "
          + "--broker-list(deprecated) is specified. The server(s) to connect to, in the form HOST1:PORT1,HOST2:PORT2.")
      .requiredUnless("broker-list")
      .withRequiredArg().describedAs("server to connect to").ofType(String.class);
  private final OptionSpec<Void> sync = parser.accepts("sync", "If set, each record is sent synchronously: the next "
      + "line is read after the broker acknowledged this one (or the tool stops at the first failure).");
  private final OptionSpec<String> compressionCodec = parser.accepts("compression-codec", "The compression codec: "
          + "either 'none', 'gzip', 'snappy', 'lz4', or 'zstd'. If specified without value, then it defaults to "
          + "'gzip'. Without this option, compression.type from --producer-property/--producer.config applies, else "
          + "none.")
      .withOptionalArg().describedAs("compression-codec").ofType(String.class);
  private final OptionSpec<Integer> batchSize = parser.accepts("batch-size", "Bytes of records to send in a single "
          + "batch (batch.size). Replaced by --max-partition-memory-bytes when that is also set.")
      .withRequiredArg().describedAs("size").ofType(Integer.class).defaultsTo(DEFAULT_BATCH_SIZE);
  private final OptionSpec<Integer> messageSendMaxRetries = parser.accepts("message-send-max-retries", "The number "
          + "of retries before the producer gives up and drops a record (retries).")
      .withRequiredArg().ofType(Integer.class).defaultsTo(3);
  private final OptionSpec<Long> retryBackoffMs = parser.accepts("retry-backoff-ms", "Wait before each retry "
          + "(retry.backoff.ms).")
      .withRequiredArg().ofType(Long.class).defaultsTo(100L);
  private final OptionSpec<Long> timeout = parser.accepts("timeout", "The maximum time a record waits for a fuller "
          + "batch, in ms (linger.ms).")
      .withRequiredArg().describedAs("timeout_ms").ofType(Long.class).defaultsTo(DEFAULT_LINGER_MS);
  private final OptionSpec<String> requestRequiredAcks = parser.accepts("request-required-acks", "The required "
          + "`acks` of the producer requests.")
      .withRequiredArg().describedAs("request required acks").ofType(String.class).defaultsTo("-1");
  private final OptionSpec<Integer> requestTimeoutMs = parser.accepts("request-timeout-ms", "The ack timeout of the "
          + "producer requests (request.timeout.ms). Value must be non-negative and non-zero.")
      .withRequiredArg().describedAs("request timeout ms").ofType(Integer.class).defaultsTo(1500);
  private final OptionSpec<Long> metadataExpiryMs = parser.accepts("metadata-expiry-ms", "Force a refresh of "
          + "metadata after this many ms (metadata.max.age.ms).")
      .withRequiredArg().describedAs("metadata expiration interval").ofType(Long.class).defaultsTo(300000L);
  private final OptionSpec<Long> maxBlockMs = parser.accepts("max-block-ms", "The max time that the producer will "
          + "block for during a send request (max.block.ms).")
      .withRequiredArg().describedAs("max block on send").ofType(Long.class).defaultsTo(60000L);
  private final OptionSpec<Long> maxMemoryBytes = parser.accepts("max-memory-bytes", "The total memory used by the "
          + "producer to buffer records waiting to be sent (buffer.memory).")
      .withRequiredArg().describedAs("total memory in bytes").ofType(Long.class).defaultsTo(33554432L);
  private final OptionSpec<Integer> maxPartitionMemoryBytes = parser.accepts("max-partition-memory-bytes", "The "
          + "batch size per partition (batch.size); beats --batch-size.")
      .withRequiredArg().describedAs("memory in bytes per partition").ofType(Integer.class)
      .defaultsTo(DEFAULT_BATCH_SIZE);
  private final OptionSpec<String> lineReader = parser.accepts("line-reader", "The class name of the class to use "
          + "for reading lines from standard in. By default each line is read as a separate message.")
      .withRequiredArg().describedAs("reader_class").ofType(String.class).defaultsTo(KAFKA_LINE_READER);
  private final OptionSpec<Integer> socketBufferSize = parser.accepts("socket-buffer-size", "The size of the TCP "
          + "send buffer (send.buffer.bytes).")
      .withRequiredArg().describedAs("size").ofType(Integer.class).defaultsTo(102400);
  private final OptionSpec<String> property = parser.accepts("property", PROPERTY_HELP
          + "\nKafka 4's name: --reader-property.")
      .withRequiredArg().describedAs("prop").ofType(String.class);
  private final OptionSpec<String> readerConfig = parser.accepts("reader-config", "Config properties file for the "
          + "message reader. Note that --property (or --reader-property) takes precedence over this config.")
      .withRequiredArg().describedAs("config file").ofType(String.class);
  private final OptionSpec<String> producerProperty = parser.accepts("producer-property", "A mechanism to pass "
          + "user-defined properties in the form key=value to the producer. Kafka 4's name: --command-property.")
      .withRequiredArg().describedAs("producer_prop").ofType(String.class);
  private final OptionSpec<String> producerConfig = parser.accepts("producer.config", "Producer config properties "
          + "file. Note that --producer-property takes precedence over this config. Kafka 4's name: "
          + "--command-config.")
      .withRequiredArg().describedAs("config file").ofType(String.class);

  // Kafka 4's names (KIP-1147), with Kafka 4.4's help texts; each refused beside its 3.9 name, as in Kafka 4.4.
  private final OptionSpec<String> readerProperty = parser.accepts("reader-property", PROPERTY_HELP)
      .withRequiredArg().describedAs("prop").ofType(String.class);
  private final OptionSpec<String> commandProperty = parser.accepts("command-property", "Producer config properties "
          + "in the form key=value.")
      .withRequiredArg().describedAs("producer_prop").ofType(String.class);
  private final OptionSpec<String> commandConfig = parser.accepts("command-config", "Producer config properties "
          + "file. Note that [command-property] takes precedence over this config.")
      .withRequiredArg().describedAs("config file").ofType(String.class);

  /** Producer config keys set from typed options, in Kafka's merge order. */
  private final List<Merge> merged = List.of(
      new Merge(ProducerConfig.LINGER_MS_CONFIG, timeout),
      new Merge(ProducerConfig.ACKS_CONFIG, requestRequiredAcks),
      new Merge(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs),
      new Merge(ProducerConfig.RETRIES_CONFIG, messageSendMaxRetries),
      new Merge(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, retryBackoffMs),
      new Merge(ProducerConfig.SEND_BUFFER_CONFIG, socketBufferSize),
      new Merge(ProducerConfig.BUFFER_MEMORY_CONFIG, maxMemoryBytes),
      new Merge(ProducerConfig.BATCH_SIZE_CONFIG, batchSize),
      new Merge(ProducerConfig.BATCH_SIZE_CONFIG, maxPartitionMemoryBytes),
      new Merge(ProducerConfig.METADATA_MAX_AGE_CONFIG, metadataExpiryMs),
      new Merge(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs));

  /** A producer config key that a typed option sets. */
  private record Merge(String config, OptionSpec<?> option) {}

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
  ProducerSettings toSettings(OptionSet options) {
    if (!options.has(topic)) {
      throw UsageException.kafkaText("Missing required argument \"" + topic + "\"", true);
    }
    // Kafka 4.4's checks of its new names, in its order (after the topic, before the servers), with its messages.
    ConsoleCommand.refuseTogether(options, commandConfig, producerConfig);
    ConsoleCommand.refuseTogether(options, commandProperty, producerProperty);
    ConsoleCommand.refuseTogether(options, readerProperty, property);
    String topicName = options.valueOf(topic);
    String servers = options.valueOf(options.has(bootstrapServer) ? bootstrapServer : brokerList);
    checkHostPorts(servers);
    String codec = compressionCodec(options);
    String readerClass = options.valueOf(lineReader);
    Map<String, String> readerOverrides = KeyValueArgs.parse(options.valuesOf(given(options, readerProperty,
        property)));
    Map<String, String> producerOverrides = KeyValueArgs.parse(options.valuesOf(given(options, commandProperty,
        producerProperty)));
    Map<String, Object> config = producerConfig(options, producerOverrides, servers, codec);
    Map<String, String> readerProperties = readerProperties(options, topicName, readerOverrides);
    LineFormat format = isLineReader(readerClass) ? lineFormat(readerProperties) : null;
    return new ProducerSettings(options.has(sync), config, readerClass, readerProperties, format);
  }

  /** Kafka 4's name when given, else the 3.9 name: they mean the same. */
  private static OptionSpec<String> given(OptionSet options, OptionSpec<String> kafka4, OptionSpec<String> old) {
    return options.has(kafka4) ? kafka4 : old;
  }

  static boolean isLineReader(String readerClass) {
    return readerClass.equals(KAFKA_LINE_READER) || readerClass.equals(LineReader.class.getName());
  }

  private static void checkHostPorts(String servers) {
    String[] hostPorts = servers.contains(",") ? servers.split(",") : new String[] {servers};
    boolean valid = hostPorts.length > 0;
    for (String hostPort : hostPorts) {
      valid &= hasPort(hostPort);
    }
    if (!valid) {
      // Kafka's message, trailing newline and space included.
      throw UsageException.kafkaText("Please provide valid host:port like host1:9091,host2:9092\n ", true);
    }
  }

  private static boolean hasPort(String hostPort) {
    try {
      return Utils.getPort(hostPort) != null;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private String compressionCodec(OptionSet options) {
    if (!options.has(compressionCodec)) {
      return null;
    }
    String codec = options.valueOf(compressionCodec);
    return codec == null || codec.isEmpty() ? "gzip" : codec;
  }

  private Map<String, Object> producerConfig(OptionSet options, Map<String, String> overrides, String servers,
      String codec) {
    Map<String, Object> props = new LinkedHashMap<>();
    OptionSpec<String> configFile = given(options, commandConfig, producerConfig);
    if (options.has(configFile)) {
      props.putAll(PropertiesFile.read(options.valueOf(configFile)));
    }
    props.putAll(overrides);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    // Kafka overwrites compression.type with 'none' unless --compression-codec is given; a codec set by
    // --producer-property or --producer.config is kept here (the data read back is the same either way).
    if (codec != null || !props.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG)) {
      props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec == null ? "none" : codec);
    }
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "console-producer");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    for (Merge merge : merged) {
      // Kafka's maybeMergeOptions: an explicit option beats the properties, which beat the option's default.
      if (options.has(merge.option()) || !props.containsKey(merge.config())) {
        props.put(merge.config(), String.valueOf(options.valueOf(merge.option())));
      }
    }
    return props;
  }

  private Map<String, String> readerProperties(OptionSet options, String topicName, Map<String, String> overrides) {
    Map<String, String> props = new LinkedHashMap<>();
    if (options.has(readerConfig)) {
      props.putAll(PropertiesFile.read(options.valueOf(readerConfig)));
    }
    // As Kafka: --property comes last, so even 'topic' can be redirected there.
    props.put("topic", topicName);
    props.putAll(overrides);
    return Map.copyOf(props);
  }

  private static LineFormat lineFormat(Map<String, String> readerProperties) {
    try {
      return LineFormat.fromProperties(readerProperties);
    } catch (IllegalArgumentException e) {
      throw UsageException.alone(e.getMessage());
    }
  }
}
