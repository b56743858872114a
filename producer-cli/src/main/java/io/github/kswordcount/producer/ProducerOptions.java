package io.github.kswordcount.producer;

import io.github.kswordcount.core.cli.ArgParser;
import io.github.kswordcount.core.cli.CommandLineException;
import io.github.kswordcount.core.cli.KeyValueArgs;
import io.github.kswordcount.core.cli.OptionSpec;
import io.github.kswordcount.core.cli.ParsedArgs;
import io.github.kswordcount.core.kafka.KafkaParams;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The options of kafka-console-producer (Kafka 3.9.1) and every rule between them, applied once by
 * {@link #toSettings(ParsedArgs)} in the order Kafka's tool applies them, so the first error reported is the
 * same one.
 */
public final class ProducerOptions {

  /** Kafka's default line reader; ours stands in for it under this name too. */
  public static final String KAFKA_LINE_READER = "kafka.tools.ConsoleProducer$LineMessageReader";
  /** The header Kafka prints above the usage for {@code --help}. */
  public static final String HELP_HEADER = "This tool helps to read data from standard input and publish it to Kafka.";

  /**
   * Default of {@code --timeout} ({@code linger.ms}). Kafka's is 1000, so a typed line waits a second; 20 ms
   * is prompt for a person and, measured on a million lines, as fast as longer lingers (5 ms was slower).
   */
  static final String DEFAULT_LINGER_MS = "20";
  /**
   * Default of {@code --batch-size} ({@code batch.size}). Kafka's is 16384; 256 KiB batches carry a
   * million lines about twice as fast, with the same acks, retries and idempotence.
   */
  static final String DEFAULT_BATCH_SIZE = "262144";

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
      "  \"h1:v1,h2:v2...\\tvalue\"");

  /** Every option, as Kafka declares it (defaults differ only where the constants above say why). */
  static final ArgParser PARSER = new ArgParser(List.of(
      OptionSpec.withArg("topic", "String", "topic", "REQUIRED: The topic id to produce messages to.", null),
      OptionSpec.withArg("broker-list", "String", "broker-list", "DEPRECATED, use --bootstrap-server instead; "
          + "ignored if --bootstrap-server is specified. The broker list string in the form "
          + "HOST1:PORT1,HOST2:PORT2.", null),
      OptionSpec.withArg("bootstrap-server", "String", "server to connect to", "REQUIRED unless --broker-list"
          + "(deprecated) is specified. The server(s) to connect to, in the form HOST1:PORT1,HOST2:PORT2.", null),
      OptionSpec.flag("sync", "If set, each record is sent synchronously: the next line is read after the broker "
          + "acknowledged this one (or the tool stops at the first failure)."),
      OptionSpec.withOptionalArg("compression-codec", "String", "compression-codec", "The compression codec: either "
          + "'none', 'gzip', 'snappy', 'lz4', or 'zstd'. If specified without value, then it defaults to 'gzip'. "
          + "Without this option, compression.type from --producer-property/--producer.config applies, else none."),
      OptionSpec.withArg("batch-size", "Integer", "size", "Bytes of records to send in a single batch (batch.size). "
          + "Replaced by --max-partition-memory-bytes when that is also set.", DEFAULT_BATCH_SIZE),
      OptionSpec.withArg("message-send-max-retries", "Integer", "", "The number of retries before the producer "
          + "gives up and drops a record (retries).", "3"),
      OptionSpec.withArg("retry-backoff-ms", "Long", "", "Wait before each retry (retry.backoff.ms).", "100"),
      OptionSpec.withArg("timeout", "Long", "timeout_ms", "The maximum time a record waits for a fuller batch, "
          + "in ms (linger.ms).", DEFAULT_LINGER_MS),
      OptionSpec.withArg("request-required-acks", "String", "request required acks", "The required `acks` of the "
          + "producer requests.", "-1"),
      OptionSpec.withArg("request-timeout-ms", "Integer", "request timeout ms", "The ack timeout of the producer "
          + "requests (request.timeout.ms). Value must be non-negative and non-zero.", "1500"),
      OptionSpec.withArg("metadata-expiry-ms", "Long", "metadata expiration interval", "Force a refresh of "
          + "metadata after this many ms (metadata.max.age.ms).", "300000"),
      OptionSpec.withArg("max-block-ms", "Long", "max block on send", "The max time that the producer will block "
          + "for during a send request (max.block.ms).", "60000"),
      OptionSpec.withArg("max-memory-bytes", "Long", "total memory in bytes", "The total memory used by the "
          + "producer to buffer records waiting to be sent (buffer.memory).", "33554432"),
      OptionSpec.withArg("max-partition-memory-bytes", "Integer", "memory in bytes per partition", "The batch "
          + "size per partition (batch.size); beats --batch-size.", DEFAULT_BATCH_SIZE),
      OptionSpec.withArg("line-reader", "String", "reader_class", "The class name of the class to use for reading "
          + "lines from standard in. By default each line is read as a separate message.", KAFKA_LINE_READER),
      OptionSpec.withArg("socket-buffer-size", "Integer", "size", "The size of the TCP send buffer "
          + "(send.buffer.bytes).", "102400"),
      OptionSpec.withArg("property", "String", "prop", PROPERTY_HELP, null),
      OptionSpec.withArg("reader-config", "String", "config file", "Config properties file for the message reader. "
          + "Note that --property takes precedence over this config.", null),
      OptionSpec.withArg("producer-property", "String", "producer_prop", "A mechanism to pass user-defined "
          + "properties in the form key=value to the producer.", null),
      OptionSpec.withArg("producer.config", "String", "config file", "Producer config properties file. Note that "
          + "--producer-property takes precedence over this config.", null),
      OptionSpec.flag("help", "Print usage information."),
      OptionSpec.flag("version", "Display Kafka version.")));

  /** Producer config keys set from typed options, in Kafka's merge order. */
  private static final String[][] MERGED = {
      {ProducerConfig.LINGER_MS_CONFIG, "timeout"},
      {ProducerConfig.ACKS_CONFIG, "request-required-acks"},
      {ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "request-timeout-ms"},
      {ProducerConfig.RETRIES_CONFIG, "message-send-max-retries"},
      {ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "retry-backoff-ms"},
      {ProducerConfig.SEND_BUFFER_CONFIG, "socket-buffer-size"},
      {ProducerConfig.BUFFER_MEMORY_CONFIG, "max-memory-bytes"},
      {ProducerConfig.BATCH_SIZE_CONFIG, "batch-size"},
      {ProducerConfig.BATCH_SIZE_CONFIG, "max-partition-memory-bytes"},
      {ProducerConfig.METADATA_MAX_AGE_CONFIG, "metadata-expiry-ms"},
      {ProducerConfig.MAX_BLOCK_MS_CONFIG, "max-block-ms"}};

  private static final List<String> INTEGER_OPTIONS = List.of("batch-size", "message-send-max-retries",
      "request-timeout-ms", "max-partition-memory-bytes", "socket-buffer-size");

  private ProducerOptions() {}

  /**
   * Parses the command line; reports what jopt-simple reports at parse time in Kafka's tool.
   *
   * @param args the command line
   * @return the options found
   * @throws CommandLineException for an unknown option, a missing argument or a missing bootstrap server
   */
  public static ParsedArgs parse(String... args) {
    ParsedArgs parsed = PARSER.parse(args);
    boolean forHelp = parsed.has("help") || parsed.has("version");
    if (!forHelp && !parsed.has("bootstrap-server") && !parsed.has("broker-list")) {
      throw CommandLineException.withUsage("Missing required option(s) [bootstrap-server]");
    }
    return parsed;
  }

  /**
   * Applies every rule and builds the settings.
   *
   * @param parsed the options, neither {@code --help} nor {@code --version}
   * @return the settings
   * @throws CommandLineException with Kafka's message for the first rule broken
   */
  public static ProducerSettings toSettings(ParsedArgs parsed) {
    if (!parsed.has("topic")) {
      throw CommandLineException.withUsage("Missing required argument \"[topic]\"");
    }
    String topic = parsed.valueOf("topic");
    String servers = parsed.valueOf(parsed.has("bootstrap-server") ? "bootstrap-server" : "broker-list");
    checkHostPorts(servers);
    String codec = compressionCodec(parsed);
    String readerClass = parsed.valueOf("line-reader");
    Map<String, String> readerOverrides = KeyValueArgs.parse(parsed.valuesOf("property"));
    Map<String, String> producerOverrides = KeyValueArgs.parse(parsed.valuesOf("producer-property"));
    Map<String, Object> producerConfig = producerConfig(parsed, producerOverrides, servers, codec);
    Map<String, String> readerProperties = readerProperties(parsed, topic, readerOverrides);
    LineFormat format = isLineReader(readerClass) ? lineFormat(readerProperties) : null;
    return new ProducerSettings(parsed.has("sync"), producerConfig, readerClass, readerProperties, format);
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
      throw CommandLineException.withUsage("Please provide valid host:port like host1:9091,host2:9092\n ");
    }
  }

  private static boolean hasPort(String hostPort) {
    try {
      return Utils.getPort(hostPort) != null;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String compressionCodec(ParsedArgs parsed) {
    if (!parsed.has("compression-codec")) {
      return null;
    }
    String codec = parsed.valueOf("compression-codec");
    return codec == null || codec.isEmpty() ? "gzip" : codec;
  }

  private static Map<String, Object> producerConfig(ParsedArgs parsed, Map<String, String> overrides,
      String servers, String codec) {
    Map<String, Object> props = new LinkedHashMap<>();
    if (parsed.has("producer.config")) {
      props.putAll(readProperties(parsed.valueOf("producer.config")));
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
    for (String[] merge : MERGED) {
      // Kafka's maybeMergeOptions: an explicit option beats the properties, which beat the option's default.
      if (parsed.has(merge[1]) || !props.containsKey(merge[0])) {
        props.put(merge[0], typedValue(parsed, merge[1]));
      }
    }
    return props;
  }

  private static String typedValue(ParsedArgs parsed, String option) {
    if (option.equals("request-required-acks")) {
      return parsed.valueOf(option);
    }
    return String.valueOf(INTEGER_OPTIONS.contains(option) ? parsed.intValue(option) : parsed.longValue(option));
  }

  private static Map<String, String> readerProperties(ParsedArgs parsed, String topic, Map<String, String> overrides) {
    Map<String, String> props = new LinkedHashMap<>();
    if (parsed.has("reader-config")) {
      props.putAll(readProperties(parsed.valueOf("reader-config")));
    }
    // As Kafka: --property comes last, so even 'topic' can be redirected there.
    props.put("topic", topic);
    props.putAll(overrides);
    return Map.copyOf(props);
  }

  private static LineFormat lineFormat(Map<String, String> readerProperties) {
    try {
      return LineFormat.fromProperties(readerProperties);
    } catch (IllegalArgumentException e) {
      throw CommandLineException.alone("error: " + e.getMessage());
    }
  }

  private static Map<String, String> readProperties(String file) {
    try {
      return KafkaParams.readProperties(Path.of(file));
    } catch (IllegalArgumentException e) {
      throw CommandLineException.alone("error: " + e.getMessage());
    }
  }
}
