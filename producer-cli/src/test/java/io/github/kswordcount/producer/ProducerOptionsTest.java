package io.github.kswordcount.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kswordcount.consolekit.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerOptionsTest {

  private static final String BOOTSTRAP = "--bootstrap-server";

  @TempDir
  Path dir;

  @Test
  void setsKafkasSemanticDefaultsAndOurBufferingDefaults() {
    Map<String, Object> config = settings(BOOTSTRAP, "localhost:9092", "--topic", "t").producerConfig();
    assertThat(config).containsEntry("bootstrap.servers", "localhost:9092")
        .containsEntry("acks", "-1")
        .containsEntry("retries", "3")
        .containsEntry("compression.type", "none")
        .containsEntry("client.id", "console-producer")
        .containsEntry("request.timeout.ms", "1500")
        .containsEntry("retry.backoff.ms", "100")
        .containsEntry("send.buffer.bytes", "102400")
        .containsEntry("buffer.memory", "33554432")
        .containsEntry("metadata.max.age.ms", "300000")
        .containsEntry("max.block.ms", "60000")
        .containsEntry("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer")
        .containsEntry("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer")
        .containsEntry("linger.ms", String.valueOf(ProducerOptions.DEFAULT_LINGER_MS))
        .containsEntry("batch.size", String.valueOf(ProducerOptions.DEFAULT_BATCH_SIZE))
        .doesNotContainKey("enable.idempotence");
  }

  @Test
  void explicitOptionsBeatProducerPropertiesWhichBeatTheConfigFileWhichBeatsDefaults() throws IOException {
    Path file = write("producer.properties", "acks=1\nlinger.ms=7\nretries=9\nclient.id=from-file\n");
    Map<String, Object> config = settings(BOOTSTRAP, "h:1", "--topic", "t", "--producer.config", file.toString(),
        "--producer-property", "linger.ms=8", "--producer-property", "retries=10", "--message-send-max-retries", "11",
        "--producer-property", "bootstrap.servers=ignored:1").producerConfig();
    assertThat(config).containsEntry("acks", "1")
        .containsEntry("linger.ms", "8")
        .containsEntry("retries", "11")
        .containsEntry("client.id", "from-file")
        .containsEntry("bootstrap.servers", "h:1");
  }

  @Test
  void maxPartitionMemoryBytesBeatsBatchSize() {
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t", "--batch-size", "100").producerConfig())
        .containsEntry("batch.size", "100");
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t", "--batch-size", "100", "--max-partition-memory-bytes", "200")
        .producerConfig()).containsEntry("batch.size", "200");
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t", "--producer-property", "batch.size=300").producerConfig())
        .containsEntry("batch.size", "300");
  }

  @Test
  void compressionCodecWithoutValueIsGzipAndAPropertyCodecIsKept() {
    assertThat(codec(BOOTSTRAP, "h:1", "--topic", "t", "--compression-codec")).isEqualTo("gzip");
    assertThat(codec(BOOTSTRAP, "h:1", "--compression-codec", "--topic", "t")).isEqualTo("gzip");
    assertThat(codec(BOOTSTRAP, "h:1", "--topic", "t", "--compression-codec", "lz4")).isEqualTo("lz4");
    assertThat(codec(BOOTSTRAP, "h:1", "--topic", "t", "--producer-property", "compression.type=zstd"))
        .isEqualTo("zstd");
    assertThat(codec(BOOTSTRAP, "h:1", "--topic", "t", "--producer-property", "compression.type=zstd",
        "--compression-codec", "snappy")).isEqualTo("snappy");
  }

  @Test
  void brokerListIsTheDeprecatedAliasIgnoredWhenBootstrapServerIsGiven() {
    assertThat(settings("--broker-list", "old:1", "--topic", "t").producerConfig())
        .containsEntry("bootstrap.servers", "old:1");
    assertThat(settings("--broker-list", "old:1", BOOTSTRAP, "new:2", "--topic", "t").producerConfig())
        .containsEntry("bootstrap.servers", "new:2");
  }

  @Test
  void readerPropertiesComeFromTheFileThenTheTopicThenProperty() throws IOException {
    Path file = write("reader.properties", "parse.key=true\nkey.separator=\\u0020\ntopic=from-file\n");
    ProducerSettings settings = settings(BOOTSTRAP, "h:1", "--topic", "t", "--reader-config", file.toString(),
        "--property", "null.marker", "--property", "headers.key.separator==", "--property", "x=a=b");
    assertThat(settings.readerProperties()).isEqualTo(Map.of("topic", "t", "parse.key", "true",
        "key.separator", " ", "null.marker", "", "headers.key.separator", "=", "x", "a=b"));
    assertThat(settings.lineFormat().keySeparator()).isEqualTo(" ");
    assertThat(settings.topic()).isEqualTo("t");
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t", "--property", "topic=u").topic()).isEqualTo("u");
  }

  @Test
  void commandLinePropertiesAreNotUnescaped() {
    ProducerSettings settings = settings(BOOTSTRAP, "h:1", "--topic", "t", "--property", "key.separator=\\t",
        "--property", "parse.key=true");
    assertThat(settings.lineFormat().keySeparator()).isEqualTo("\\t");
  }

  @Test
  void kafka4NamesMeanWhatTheir39NamesMean() throws IOException {
    Path file = write("p.properties", "acks=1\nlinger.ms=7\nclient.id=from-file\n");
    ProducerSettings old = settings(BOOTSTRAP, "h:1", "--topic", "t", "--producer.config", file.toString(),
        "--producer-property", "linger.ms=9", "--property", "parse.key=true", "--property", "null.marker=N");
    ProducerSettings kafka4 = settings(BOOTSTRAP, "h:1", "--topic", "t", "--command-config", file.toString(),
        "--command-property", "linger.ms=9", "--reader-property", "parse.key=true", "--reader-property",
        "null.marker=N");
    assertThat(kafka4.producerConfig()).isEqualTo(old.producerConfig()).containsEntry("acks", "1")
        .containsEntry("linger.ms", "9").containsEntry("client.id", "from-file");
    assertThat(kafka4.readerProperties()).isEqualTo(old.readerProperties());
    assertThat(kafka4.lineFormat()).isEqualTo(old.lineFormat());
    assertThat(kafka4.lineFormat().parseKey()).isTrue();
  }

  /** Kafka 4.4's checks and messages (read from its ConsoleProducer), the usage after them. */
  @Test
  void refusesA39NameBesideItsKafka4NameAsKafka44Does() {
    assertUsage("Options --command-config and --producer.config cannot be specified together.",
        BOOTSTRAP, "h:1", "--topic", "t", "--producer.config", "f", "--command-config", "f");
    assertUsage("Options --command-property and --producer-property cannot be specified together.",
        BOOTSTRAP, "h:1", "--topic", "t", "--producer-property", "acks=1", "--command-property", "acks=1");
    assertUsage("Options --reader-property and --property cannot be specified together.",
        BOOTSTRAP, "h:1", "--topic", "t", "--property", "parse.key=true", "--reader-property", "parse.key=true");
    // After the topic check and before the servers', as in Kafka 4.4.
    assertUsage("Missing required argument \"[topic]\"", BOOTSTRAP, "h:1", "--property", "a", "--reader-property",
        "a");
    assertUsage("Options --reader-property and --property cannot be specified together.",
        BOOTSTRAP, "localhost", "--topic", "t", "--property", "a", "--reader-property", "a");
  }

  @Test
  void reportsMissingOptionsAsKafkaDoes() {
    assertUsage("Missing required option(s) [bootstrap-server]", "--topic", "t");
    assertUsage("Missing required argument \"[topic]\"", BOOTSTRAP, "h:1");
    assertUsage("Option topic requires an argument", BOOTSTRAP, "h:1", "--topic");
    assertUsage("foo is not a recognized option", BOOTSTRAP, "h:1", "--topic", "t", "--foo");
    assertUsage("Please provide valid host:port like host1:9091,host2:9092\n ", BOOTSTRAP, "localhost", "--topic", "t");
    assertUsage("Please provide valid host:port like host1:9091,host2:9092\n ", BOOTSTRAP, ",h:1", "--topic", "t");
  }

  @Test
  void reportsRepeatedAndMistypedValuesWithoutUsage() {
    assertAlone("Found multiple arguments for option topic, but you asked for only one",
        BOOTSTRAP, "h:1", "--topic", "t", "--topic", "u");
    assertAlone("Cannot parse argument 'x' of option batch-size",
        BOOTSTRAP, "h:1", "--topic", "t", "--batch-size", "x");
    assertAlone("Cannot parse argument '1.5' of option timeout", BOOTSTRAP, "h:1", "--topic", "t", "--timeout", "1.5");
    assertAlone("error: null.marker and headers.separator may not be equal",
        BOOTSTRAP, "h:1", "--topic", "t", "--property", "null.marker=,");
  }

  @Test
  void reportsAMissingConfigFileInOneLine() {
    assertAlone("error: properties file '/no/such/file' does not exist",
        BOOTSTRAP, "h:1", "--topic", "t", "--producer.config", "/no/such/file");
  }

  @Test
  void acceptsKafkasAndOurLineReaderNamesAndKeepsOthersForLoading() {
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t", "--line-reader", ProducerOptions.KAFKA_LINE_READER)
        .lineFormat()).isNotNull();
    assertThat(settings(BOOTSTRAP, "h:1", "--topic", "t", "--line-reader", LineReader.class.getName())
        .lineFormat()).isNotNull();
    ProducerSettings custom = settings(BOOTSTRAP, "h:1", "--topic", "t", "--line-reader", "com.example.Reader");
    assertThat(custom.lineFormat()).isNull();
    assertThat(custom.readerClass()).isEqualTo("com.example.Reader");
  }

  private static ProducerSettings settings(String... args) {
    ProducerOptions options = new ProducerOptions();
    return options.command().settings(options::toSettings, args);
  }

  private static Object codec(String... args) {
    return settings(args).producerConfig().get("compression.type");
  }

  /** The line printed (Kafka's text as it is, ours after {@code error: }), then the usage. */
  private static void assertUsage(String line, String... args) {
    assertThatThrownBy(() -> settings(args)).isInstanceOf(UsageException.class)
        .matches(e -> ((UsageException) e).line().equals(line), "prints " + line)
        .matches(e -> ((UsageException) e).showUsage(), "shows the usage");
  }

  private static void assertAlone(String line, String... args) {
    assertThatThrownBy(() -> settings(args)).isInstanceOf(UsageException.class)
        .matches(e -> ((UsageException) e).line().equals(line), "prints " + line)
        .matches(e -> !((UsageException) e).showUsage(), "shows no usage");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
