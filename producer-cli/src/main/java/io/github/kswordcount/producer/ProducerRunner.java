package io.github.kswordcount.producer;

import io.github.kswordcount.consolekit.ErrorLine;
import io.github.kswordcount.clientkit.PartitionHealth;
import io.github.kswordcount.consolekit.ShutdownHook;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Sends the records read from standard input.
 *
 * <p>Guarantee: every record the producer accepted is flushed before the tool ends — at end of input, after
 * a line that does not match the format, and on Ctrl-C/SIGTERM (a shutdown hook closes the producer, which
 * Kafka 3.9's tool does not do). Each record the broker refuses is named on stderr by its line number and
 * makes the exit status 1.
 */
final class ProducerRunner {

  /** How long Ctrl-C waits for accepted records; after it the rest are reported as not sent. */
  private static final Duration SIGNAL_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final ProducerSettings settings;
  private final PrintStream err;
  private volatile boolean closing;

  ProducerRunner(ProducerSettings settings, PrintStream err) {
    this.settings = settings;
    this.err = err;
  }

  /**
   * Runs until the end of the input.
   *
   * @param in the input
   * @param prompt where to print {@code >} before each line (a terminal), or {@code null}
   * @param installHook whether to flush on Ctrl-C/SIGTERM (false in tests that run in-process)
   * @return the exit status: 0 when every record was sent
   */
  int run(InputStream in, PrintStream prompt, boolean installHook) {
    Producer<byte[], byte[]> producer;
    try {
      producer = new KafkaProducer<>(settings.producerConfig());
    } catch (KafkaException e) {
      err.println("error: " + ErrorLine.of(e));
      return 1;
    }
    RecordSource source;
    try {
      source = openSource(in, prompt);
    } catch (IllegalArgumentException e) {
      producer.close();
      err.println("error: " + e.getMessage());
      return 1;
    }
    TopicWatch topic = TopicWatch.start(settings.producerConfig(), settings.topic());
    DeliveryReport report = new DeliveryReport(err, settings.topic(), source.unit(),
        partitions -> acksAll() ? PartitionHealth.explainWrites(settings.producerConfig(), settings.topic(), partitions)
            : Optional.empty(), topic::goneAfter);
    CountDownLatch pumped = new CountDownLatch(1);
    ShutdownHook hook = ShutdownHook.install(installHook, "producer-cli-shutdown",
        () -> onSignal(source, pumped, producer, report));
    int status;
    try {
      status = pump(source, producer, report, topic);
    } finally {
      pumped.countDown();
      source.close();
      // Records of a deleted topic can never be delivered: fail them now rather than at delivery.timeout.ms.
      producer.close(report.topicGone() ? Duration.ZERO : Duration.ofMillis(Long.MAX_VALUE));
      hook.remove();
    }
    report.printSummary();
    return status != 0 || report.failed() > 0 ? 1 : 0;
  }

  /**
   * Whether a refused record may be for want of in-sync replicas: only {@code acks=all} needs
   * {@code min.insync.replicas} of them. The broker refuses with {@code NOT_ENOUGH_REPLICAS}, a retriable error,
   * so the producer retries and fails the record with a {@code NotEnoughReplicasException}, or with a
   * {@code TimeoutException} when {@code delivery.timeout.ms} ran out first; neither names the partition or the
   * numbers, which one look at the cluster, after the producer is closed, does.
   */
  private boolean acksAll() {
    String acks = String.valueOf(settings.producerConfig().getOrDefault(ProducerConfig.ACKS_CONFIG, "all"));
    return acks.equals("all") || acks.equals("-1");
  }

  private RecordSource openSource(InputStream in, PrintStream prompt) {
    if (settings.lineFormat() != null) {
      return new LineReader(in, settings.lineFormat(), prompt);
    }
    return PluggedReader.open(settings.readerClass(), settings.readerProperties(), in);
  }

  private int pump(RecordSource source, Producer<byte[], byte[]> producer, DeliveryReport report,
      TopicWatch topic) {
    try {
      ProducerRecord<byte[], byte[]> record = source.next();
      if (record != null && !topic.allowsFirst(record.topic(), source.position(), report)) {
        return 1;
      }
      for (; record != null; record = source.next()) {
        if (closing || report.fatal() || !send(producer, record, source.position(), report) || report.fatal()) {
          return 1;
        }
      }
      return 0;
    } catch (LineFormatException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("error: cannot read standard input: " + e.getMessage());
      return 1;
    }
  }

  /** Sends one record; false when the tool must stop (a failure in sync mode, or the producer refused it). */
  private boolean send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record, long position,
      DeliveryReport report) {
    try {
      Future<RecordMetadata> result = producer.send(record, report.callbackFor(position));
      if (settings.sync()) {
        // Kafka's --sync waits linger.ms for each record; flushing sends it at once with the same guarantees.
        producer.flush();
        result.get();
      }
      return true;
    } catch (ExecutionException e) {
      return false; // the callback has reported it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (KafkaException | IllegalStateException e) {
      report.refused(position, e);
      return false;
    }
  }

  /**
   * Ctrl-C/SIGTERM: the lines already taken from standard input are sent first (the reading thread drains
   * its buffer, reading nothing more), then the producer is closed, which delivers what was sent.
   */
  private void onSignal(RecordSource source, CountDownLatch pumped, Producer<byte[], byte[]> producer,
      DeliveryReport report) {
    source.stopReading();
    long deadline = System.nanoTime() + SIGNAL_CLOSE_TIMEOUT.toNanos();
    try {
      while (!pumped.await(10, TimeUnit.MILLISECONDS) && !source.waitingForInput()
          && System.nanoTime() < deadline) {
        // the reading thread is still sending buffered lines
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closing = true;
    producer.close(SIGNAL_CLOSE_TIMEOUT);
    report.printSummary();
  }
}
