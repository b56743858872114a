package io.github.kswordcount.consumer;

import io.github.kswordcount.consolekit.ErrorLine;
import io.github.kswordcount.clientkit.RefusalHint;
import io.github.kswordcount.clientkit.TopicLookup;
import io.github.kswordcount.consolekit.ShutdownHook;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.MessageFormatter;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads records and prints them until {@code --max-messages}, {@code --timeout-ms}, Ctrl-C/SIGTERM or a
 * closed output; then, always, flushes the output, commits the group's offsets of what was printed (unless
 * auto-commit is off, as for a generated group) and prints {@code Processed a total of N messages} on stderr.
 */
final class ConsumerRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerRunner.class);

  private final ConsumerSettings settings;
  private final PrintStream err;
  private final CountDownLatch finished = new CountDownLatch(1);
  private long count;

  ConsumerRunner(ConsumerSettings settings, PrintStream err) {
    this.settings = settings;
    this.err = err;
  }

  /**
   * Runs the consumer.
   *
   * @param out standard output
   * @param terminal whether the output is a terminal (then each record is flushed at once)
   * @param installHook whether Ctrl-C/SIGTERM should stop the loop cleanly (false in in-process tests)
   * @return the exit status
   */
  int run(PrintStream out, boolean terminal, boolean installHook) {
    MessageFormatter formatter;
    RecordStream stream;
    try {
      formatter = FormatterLoader.create(settings.formatterClass(), settings.formatterConfig());
    } catch (RuntimeException e) {
      err.println("error: " + ErrorLine.of(e));
      return 1;
    }
    try {
      stream = openStream();
    } catch (AuthorizationException e) {
      formatter.close();
      err.println(cannotConsume(e)); // met by the metadata check, or else by the first poll: the same line
      return 1;
    } catch (RuntimeException e) {
      formatter.close();
      err.println("error: " + ErrorLine.of(e));
      return 1;
    }
    OutputSink sink = new OutputSink(out, terminal);
    ShutdownHook hook = ShutdownHook.install(installHook, "consumer-cli-shutdown", () -> onSignal(stream));
    try {
      return process(stream, formatter, sink);
    } finally {
      finish(stream, formatter, sink);
      hook.remove();
    }
  }

  private RecordStream openStream() {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(settings.consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    try {
      RecordStream stream = new RecordStream(consumer, settings);
      if (settings.timeoutMs() == Long.MAX_VALUE) {
        awaitKafka(consumer);
      }
      return stream;
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /**
   * Without {@code --timeout-ms} the tool would wait for records forever, also on an address where no Kafka
   * answers (nothing listening, or another service): one metadata request first, bounded by the consumer's
   * {@code default.api.timeout.ms}, ends that in one error line. A {@code --topic} that does not exist is waited
   * for, as Kafka's tool does (a producer may create it), and said once in words: the client's own warnings only
   * name {@code UNKNOWN_TOPIC_OR_PARTITION}. A refused login is left to the first poll, which reports it as
   * Kafka's tool does; a topic this user may not describe ends the run in the line the first poll would print.
   */
  private void awaitKafka(KafkaConsumer<byte[], byte[]> consumer) {
    Object bootstrap = settings.consumerConfig().get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
    Object timeout = settings.consumerConfig().getOrDefault(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
    Duration wait = Duration.ofMillis(Long.parseLong(String.valueOf(timeout)));
    try {
      Optional<String> topic = settings.topic();
      if (topic.isEmpty()) {
        consumer.listTopics(wait);
      } else if (TopicLookup.absent(consumer, topic.get(), wait)) {
        LOG.warn("{}: waiting for it to be created, as Kafka's tool does (--timeout-ms ends the wait)",
            TopicLookup.doesNotExist(List.of(topic.get()), bootstrap));
      }
    } catch (TimeoutException e) {
      throw new KafkaException("no answer from Kafka at " + bootstrap + " within " + timeout + " ms (is a Kafka "
          + "broker listening there?); --timeout-ms waits for one instead");
    } catch (AuthenticationException e) {
      LOG.debug("Login refused; the first poll reports it", e);
    }
  }

  private int process(RecordStream stream, MessageFormatter formatter, OutputSink sink) {
    int max = settings.maxMessages();
    while (max == -1 || count < max) {
      ConsumerRecord<byte[], byte[]> record;
      try {
        record = stream.receive(sink::flush);
      } catch (WakeupException e) {
        return 0;
      } catch (TimeoutException e) {
        LOG.info("No message for {} ms (--timeout-ms): stopping", settings.timeoutMs());
        return 0;
      } catch (RecordStream.AllStopped e) {
        LOG.info("Stopping: every partition is at its stop (--exit-at-end, --to-time): {}", e.getMessage());
        return 0;
      } catch (AuthenticationException e) {
        err.println("error: Authentication failed: " + ErrorLine.of(e) + hint(e));
        return 1;
      } catch (KafkaException e) {
        err.println(cannotConsume(e));
        return 1;
      }
      count++;
      if (!write(record, formatter, sink)) {
        return 1;
      }
      if (sink.failed()) {
        err.println("Unable to write to standard out, closing consumer.");
        return 0;
      }
    }
    return 0;
  }

  private String cannotConsume(KafkaException e) {
    return "error: cannot consume: " + ErrorLine.of(e) + hint(e);
  }

  /** What to check after a refusal: the login, the Read ACL on the group or on the topics; else nothing. */
  private String hint(KafkaException e) {
    if (e instanceof TopicAuthorizationException refused && !refused.unauthorizedTopics().isEmpty()) {
      Set<String> topics = refused.unauthorizedTopics();
      return " (check this user's Read ACL on " + (topics.size() == 1 ? "topic '" + topics.iterator().next() + "'"
          : "topics " + topics) + ")";
    }
    return RefusalHint.of(e, String.valueOf(settings.consumerConfig().get(ConsumerConfig.GROUP_ID_CONFIG)),
        "--consumer.config or --consumer-property");
  }

  /** Formats one record; false when the tool must stop because formatting failed. */
  private boolean write(ConsumerRecord<byte[], byte[]> record, MessageFormatter formatter, OutputSink sink) {
    try {
      formatter.writeTo(record, sink.stream());
      sink.recordWritten();
      return true;
    } catch (RuntimeException e) {
      String where = record.topic() + "-" + record.partition() + " at offset " + record.offset();
      if (settings.skipMessageOnError()) {
        err.println("error: skipped the record of " + where + ": " + ErrorLine.of(e));
        return true;
      }
      err.println("error: cannot format the record of " + where + ": " + ErrorLine.of(e));
      return false;
    }
  }

  private void finish(RecordStream stream, MessageFormatter formatter, OutputSink sink) {
    try {
      sink.flush();
      RuntimeException commitFailure = stream.close(settings.commits());
      if (commitFailure != null) {
        err.println("error: could not commit the offsets of group '" + settings.consumerConfig().get("group.id")
            + "': " + ErrorLine.of(commitFailure));
      }
      formatter.close();
    } finally {
      err.println("Processed a total of " + count + " messages");
      if (settings.systestEvents()) {
        sink.stream().println("shutdown_complete");
        sink.flush();
      }
      finished.countDown();
    }
  }

  /** Ctrl-C/SIGTERM: stop the loop, then let the JVM exit only after {@link #finish} has run. */
  private void onSignal(RecordStream stream) {
    stream.wakeup();
    try {
      finished.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
