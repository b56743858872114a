package io.github.kswordcount.producer;

import io.github.kswordcount.clientkit.PartitionHealth;
import io.github.kswordcount.clientkit.TopicLookup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Whether the topic written exists, so that a missing one is one line rather than {@code max.block.ms} of client
 * WARNs on each record (the producer waits that long for a topic it does not know, then fails the record).
 *
 * <p>Looked up once at start, in the background while the first line is read, without letting the broker create
 * it; when that says it is missing, looked up again before the first record as the producer would ask (a broker
 * with {@code auto.create.topics.enable} creates it then). And once more, if it existed at start, when a record
 * fails as records do once their topic is deleted (their batch expired, their wait for metadata ran out, or the
 * broker answered {@code UNKNOWN_TOPIC_OR_PARTITION}). Each look is bounded by {@code max.block.ms}, at most 5 s;
 * a cluster that does not answer in time is left to the producer to report, as before.
 */
final class TopicWatch {

  /** What one look found. */
  private enum Found { PRESENT, ABSENT, REFUSED, UNKNOWN }

  /** One look: the topic is there or not, the look was refused (why), or the cluster did not answer. */
  private record Look(Found found, KafkaException refusal) {
    static final Look PRESENT = new Look(Found.PRESENT, null);
    static final Look ABSENT = new Look(Found.ABSENT, null);
    static final Look UNKNOWN = new Look(Found.UNKNOWN, null);
  }

  private final Map<String, Object> config;
  private final String topic;
  private final Duration timeout;
  private final CompletableFuture<Look> atStart;
  private final AtomicBoolean lookedAgain = new AtomicBoolean();

  private TopicWatch(Map<String, Object> config, String topic) {
    this.config = config;
    this.topic = topic;
    long maxBlockMs = Long.parseLong(String.valueOf(config.getOrDefault(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000)));
    this.timeout = Duration.ofMillis(Math.min(maxBlockMs, PartitionHealth.TIMEOUT.toMillis()));
    this.atStart = CompletableFuture.supplyAsync(() -> look(false));
  }

  /**
   * Starts the look at start in the background.
   *
   * @param producerConfig the producer's settings: its connection, security settings and {@code max.block.ms}
   * @param topic the topic written
   * @return the watch
   */
  static TopicWatch start(Map<String, Object> producerConfig, String topic) {
    return new TopicWatch(producerConfig, topic);
  }

  /**
   * Before the first record of {@code recordTopic} is sent: whether it may be. When the topic does not exist, or
   * the cluster refused the look (a failed login, no Describe ACL on the topic), the report says so once, and
   * nothing may be sent.
   *
   * @param recordTopic the first record's topic (a plugged reader may choose another than {@code --topic})
   * @param position the first record's position
   * @param report where the refusal goes
   * @return {@code true} when the record may be sent
   */
  boolean allowsFirst(String recordTopic, long position, DeliveryReport report) {
    if (!topic.equals(recordTopic)) {
      return true;
    }
    Look look = atStart.join();
    if (look.found() == Found.ABSENT) {
      look = look(true);
    }
    switch (look.found()) {
      case REFUSED -> report.refused(position, look.refusal());
      case ABSENT -> report.missing(TopicLookup.doesNotExist(List.of(topic), bootstrap()));
      default -> {
        return true;
      }
    }
    return false;
  }

  /**
   * After a record failed: the sentence saying the topic does not exist any more, when the failure is one a
   * deleted topic causes, the topic existed at start and does not now. Looks at most once per run.
   *
   * @param failure why the record failed
   * @return the sentence, or empty
   */
  Optional<String> goneAfter(Throwable failure) {
    boolean likeDeleted = failure instanceof TimeoutException || failure instanceof UnknownTopicOrPartitionException;
    if (!likeDeleted || atStart.getNow(Look.UNKNOWN).found() != Found.PRESENT
        || !lookedAgain.compareAndSet(false, true)) {
      return Optional.empty();
    }
    return look(true).found() == Found.ABSENT ? Optional.of(TopicLookup.doesNotExist(List.of(topic), bootstrap()))
        : Optional.empty();
  }

  private Look look(boolean mayCreate) {
    try {
      return TopicLookup.absent(config, topic, mayCreate, timeout) ? Look.ABSENT : Look.PRESENT;
    } catch (AuthenticationException | AuthorizationException e) {
      return new Look(Found.REFUSED, e);
    } catch (KafkaException e) {
      return Look.UNKNOWN; // no answer in time, or a failure the producer meets and reports itself
    }
  }

  private Object bootstrap() {
    return config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
  }
}
