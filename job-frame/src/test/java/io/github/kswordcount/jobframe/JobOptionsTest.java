package io.github.kswordcount.jobframe;

import com.beust.jcommander.ParametersDelegate;
import io.github.kswordcount.consolekit.UsageException;
import io.github.kswordcount.core.kafka.Topics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared options of both jobs: every cross-option rule, with its message. */
class JobOptionsTest {

  /** The three shared option groups, composed as the apps compose them. */
  static final class Options {
    @ParametersDelegate final KafkaSourceOptions source = new KafkaSourceOptions();
    @ParametersDelegate final JobOptions job = new JobOptions();
    @ParametersDelegate final CountOptions count = new CountOptions();
  }

  private static Options parse(String... args) {
    Options options = new Options();
    CommandLine.parse(CommandLine.commander("test", options), args);
    return options;
  }

  private static KafkaSource source(String... args) {
    return parse(args).source.toSource("wordcount-test");
  }

  private static CountSettings count(String... args) {
    Options o = parse(args);
    return o.count.toSettings(o.job.batchSeconds(), o.job.checkpointDir());
  }

  @Test
  void theLabsPositionalFormGivesBrokersAndTopics() {
    KafkaSource source = source("localhost:9092", "lab,other");
    assertThat(source.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(source.topics()).isEqualTo(Topics.names(List.of("lab", "other")));
    assertThat(source.group()).isEqualTo("wordcount-test");
    assertThat(source.consumerParams()).containsEntry("auto.offset.reset", "latest")
        .containsEntry("group.id", "wordcount-test").containsEntry("enable.auto.commit", "false");
  }

  @Test
  void namedOptionsTakeRepeatedAndCommaSeparatedTopics() {
    KafkaSource source = source("--brokers", "a:1,b:2", "--topic", "x", "--topic", "y,z", "--group", "g",
        "--from-beginning", "--consumer-property", "max.poll.records=7");
    assertThat(source.topics()).isEqualTo(Topics.names(List.of("x", "y", "z")));
    assertThat(source.consumerParams()).containsEntry("group.id", "g").containsEntry("auto.offset.reset", "earliest")
        .containsEntry("max.poll.records", "7").containsEntry("bootstrap.servers", "a:1,b:2");
  }

  @Test
  void includeCompilesThePattern() {
    assertThat(source("--bootstrap-server", "h:1", "--include", "lab-.*").topics().pattern().pattern())
        .isEqualTo("lab-.*");
  }

  @Test
  void sourceRulesNameTheOptionAndTheRule() {
    assertThatThrownBy(() -> source("--topic", "lab"))
        .hasMessage("--bootstrap-server is required (or the lab's form: BROKERS TOPICS)");
    assertThatThrownBy(() -> source("--bootstrap-server", "h:1"))
        .hasMessage("give exactly one of --topic and --include");
    assertThatThrownBy(() -> source("--bootstrap-server", "h:1", "--topic", "a", "--include", "b"))
        .hasMessage("give exactly one of --topic and --include");
    assertThatThrownBy(() -> source("--bootstrap-server", "localhost", "--topic", "a"))
        .hasMessage("--bootstrap-server 'localhost' is invalid: use host:port[,host:port...]");
    assertThatThrownBy(() -> source("h:1", "lab", "extra"))
        .hasMessage("positional arguments [h:1, lab, extra] are invalid: give exactly BROKERS TOPICS, "
            + "or use --bootstrap-server and --topic");
    assertThatThrownBy(() -> source("--bootstrap-server", "h:1", "--include", "(")).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--include '(' is invalid: ");
    assertThatThrownBy(() -> source("h:1", "lab", "--consumer-property", "oops"))
        .hasMessage("--consumer-property/--consumer.config: 'oops' is not a key=value pair");
    assertThatThrownBy(() -> source("h:1", "lab", "--consumer-property", "enable.auto.commit=true"))
        .hasMessage("enable.auto.commit=true is not allowed: the job commits offsets after each batch");
  }

  @Test
  void unknownOptionsAndBadNumbersAreUsageErrors() {
    assertThatThrownBy(() -> source("h:1", "lab", "--nope")).isInstanceOf(UsageException.class)
        .hasMessage("unknown option '--nope'");
    assertThatThrownBy(() -> parse("--print", "x")).isInstanceOf(UsageException.class).hasMessageContaining("--print");
  }

  @Test
  void countDefaultsAndRules() {
    CountSettings defaults = count();
    assertThat(defaults.print()).isEqualTo(10);
    assertThat(defaults.tokenizer().toString()).isEqualTo("whitespace");
    assertThat(defaults.extractor().toString()).isEqualTo("utf8");
    assertThat(defaults.windowed()).isFalse();
    CountSettings window = count("--batch-seconds", "1", "--window", "4", "--slide", "2", "--tokenizer", "words",
        "--json-field", "text");
    assertThat(List.of(window.windowMs(), window.slideMs())).containsExactly(4000L, 2000L);
    assertThat(window.extractor().toString()).isEqualTo("json-field(text)");
    assertThat(count("--window", "4").slideMs()).isEqualTo(2000L);
    assertThatThrownBy(() -> count("--window", "3")).hasMessage(
        "--window '3' is invalid: use a positive multiple of the batch interval (2000 ms)");
    assertThatThrownBy(() -> count("--slide", "2")).hasMessage("--slide needs --window");
    assertThatThrownBy(() -> count("--running-totals")).hasMessage(
        "--running-totals needs --checkpoint-dir (the totals live in Spark's checkpoints)");
    assertThatThrownBy(() -> count("--running-totals", "--checkpoint-dir", "/tmp/x", "--window", "4"))
        .hasMessage("--window and --running-totals exclude each other");
    assertThatThrownBy(() -> count("--print", "-1")).hasMessage("--print '-1' is invalid: use a number >= 0");
    assertThatThrownBy(() -> count("--tokenizer", "regex"))
        .hasMessage("--tokenizer unknown tokenizer 'regex': use one of whitespace, words");
  }

  @Test
  void jobDefaultsAndRules() {
    JobSettings job = parse().job.toSettings();
    assertThat(job.master()).isEqualTo(System.getProperty("spark.master", "local[*]"));
    assertThat(job.batchMs()).isEqualTo(2000);
    assertThat(job.localMaster()).isTrue();
    JobSettings custom = parse("--master", "spark://h:7077", "--batch-seconds", "0.5", "--spark-conf",
        "spark.ui.enabled=false", "--stop-when-idle", "3", "--max-batches", "9").job.toSettings();
    assertThat(custom.master()).isEqualTo("spark://h:7077");
    assertThat(custom.localMaster()).isFalse();
    assertThat(custom.batchMs()).isEqualTo(500);
    assertThat(custom.sparkConf()).containsEntry("spark.ui.enabled", "false");
    assertThat(List.of(custom.stopWhenIdle(), custom.maxBatches())).containsExactly(3, 9);
    assertThatThrownBy(() -> parse("--batch-seconds", "0").job.toSettings())
        .hasMessage("--batch-seconds '0.0' is invalid: use a number from 0.01 to 86400");
    assertThatThrownBy(() -> parse("--stop-when-idle", "0").job.toSettings())
        .hasMessage("--stop-when-idle '0' is invalid: use a number >= 1");
    assertThatThrownBy(() -> parse("--spark-conf", "x").job.toSettings())
        .hasMessage("--spark-conf 'x' is not a key=value pair");
  }

  @Test
  void theKafkaTimeoutIsCoresDefaultUnlessGivenAndANewValueChangesTheCheckpointsIdentity() {
    JobSettings given = parse("--kafka-timeout-seconds", "7").job.toSettings();
    assertThat(given.kafkaTimeoutOrDefault()).isEqualTo(Duration.ofSeconds(7));
    assertThat(parse().job.toSettings().kafkaTimeoutOrDefault()).isEqualTo(Duration.ofSeconds(30));
    assertThat(plan(given).identity()).containsEntry("kafka-timeout-ms", "7000");
    // The default, given or not, is the identity of checkpoints written before the option existed.
    assertThat(plan(parse("--kafka-timeout-seconds", "30").job.toSettings()).identity())
        .doesNotContainKey("kafka-timeout-ms");
    assertThatThrownBy(() -> parse("--kafka-timeout-seconds", "0").job.toSettings())
        .hasMessage("--kafka-timeout-seconds '0' is invalid: use a number from 1 to 3600");
    assertThatThrownBy(() -> parse("--kafka-timeout-seconds", "3601").job.toSettings())
        .hasMessage("--kafka-timeout-seconds '3601' is invalid: use a number from 1 to 3600");
  }

  private static JobPlan plan(JobSettings job) {
    Options o = parse("--bootstrap-server", "h:1", "--topic", "t");
    KafkaSource source = o.source.toSource("g");
    CountSettings count = o.count.toSettings(o.job.batchSeconds(), o.job.checkpointDir());
    return new JobPlan() {
      @Override
      public KafkaSource source() {
        return source;
      }

      @Override
      public JobSettings job() {
        return job;
      }

      @Override
      public CountSettings count() {
        return count;
      }
    };
  }
}
