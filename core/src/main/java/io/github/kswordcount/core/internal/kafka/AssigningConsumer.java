package io.github.kswordcount.core.internal.kafka;

import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.core.kafka.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's consumer of the direct stream. It assigns itself every partition of the topics it matches
 * and, when asked for its assignment, first adds partitions of topics (or partitions) created since; those
 * start at the group's committed offset, else at the earliest offset, so records written before the job saw
 * the topic are counted (as Structured Streaming does for new partitions).
 *
 * <p>Spark takes a batch's {@code untilOffset} from {@link #position} right after {@link #seekToEnd}: the log
 * end, or under {@code read_committed} the last stable offset. When the offset before it is a transaction
 * marker, Spark's non-consecutive-offset iterator waits for a record at {@code untilOffset - 1} that never
 * comes ({@code Failed to get records ... after polling for 120000}), and a range holding only markers or
 * aborted records makes it read one record past the range (SPARK-24720, never merged). So this consumer answers
 * that {@code position} with one past the last record a reader can see, found by reading backwards from the
 * end with a second consumer, and remembers the real end: {@link #commitPosition} gives it to the committer,
 * so the group's offsets cover the markers and the lag drops to 0.
 *
 * <p>Spark calls this consumer only on its job generator thread, so it needs no locking.
 */
final class AssigningConsumer extends KafkaConsumer<byte[], byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(AssigningConsumer.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
  private static final int START_SECONDS = 60;
  private static final Duration POSITION_TIMEOUT = Duration.ofSeconds(START_SECONDS);
  private static final Duration POSITION_STEP = Duration.ofSeconds(5);

  private final Map<String, Object> params;
  private final Topics topics;
  private final long refreshMs;
  private final Set<TopicPartition> atEnd = new HashSet<>();
  /** Per partition: the last end seen after seekToEnd and the visible end reported for it. */
  private final Map<TopicPartition, long[]> ends = new HashMap<>();
  /** Partitions of topics deleted while the job ran (pattern only): still shown to Spark, frozen, never read. */
  private final Map<TopicPartition, Long> gone = new HashMap<>();
  private KafkaConsumer<byte[], byte[]> probe;
  private Set<TopicPartition> missingBefore = Set.of();
  private long lastRefresh;
  /** Set by {@link #end()}, from another thread. */
  private volatile boolean ending;

  AssigningConsumer(Map<String, Object> params, Topics topics, Duration refresh) {
    super(params);
    this.params = params;
    this.topics = topics;
    this.refreshMs = refresh.toMillis();
  }

  /**
   * Assigns all matching partitions now; they start where the group is, else at {@code auto.offset.reset}. Spark
   * calls this while it starts the stream: a cluster restarting then (a rolling restart) is asked again in short
   * steps, as positions are, for up to {@value #START_SECONDS} s, instead of ending the start at the first
   * listing that times out.
   */
  void assignMatching() {
    Set<TopicPartition> matching = atStart(this::matchingPartitions);
    if (!matching.equals(super.assignment())) {
      assign(matching);
    }
    lastRefresh = System.nanoTime();
  }

  /**
   * Partitions Spark tracks (from a checkpoint) whose topic no longer exists: frozen at their offsets.
   *
   * @param offsets Spark's offsets at recovery
   */
  void freezeMissing(Map<TopicPartition, Long> offsets) {
    offsets.forEach((tp, offset) -> {
      if (!super.assignment().contains(tp)) {
        LOG.warn("Topic partition {} of the checkpoint no longer exists: it is no longer read", tp);
        gone.put(tp, offset);
      }
    });
  }

  /**
   * The run has failed and is being closed: the call waiting for Kafka now fails ({@code wakeup}), and so does
   * every later one, at once. Spark's job generator holds the stream graph's lock while it asks for a batch's
   * offsets, and Spark's stop waits for that lock: with the broker gone, each batch already due waited up to
   * {@value #START_SECONDS} s a partition, and the stop gave up after 30 s with Spark left running.
   */
  void end() {
    ending = true;
    wakeup();
  }

  private void requireRunning() {
    if (ending) {
      throw new KafkaCallException("the run has ended: no batch is generated", null);
    }
  }

  @Override
  public Set<TopicPartition> assignment() {
    requireRunning();
    if (System.nanoTime() - lastRefresh >= refreshMs * 1_000_000L) {
      try {
        refresh();
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        // A broker restarting: look again at the next refresh; the partitions known so far are read meanwhile.
        LOG.warn("Cannot list topics to look for new partitions: {}", e.getMessage());
      }
      lastRefresh = System.nanoTime();
    }
    if (gone.isEmpty()) {
      return super.assignment();
    }
    // Spark refuses an assignment that lost partitions ("revoked"): deleted ones stay in it, frozen.
    Set<TopicPartition> all = new HashSet<>(super.assignment());
    all.addAll(gone.keySet());
    return all;
  }

  private void refresh() {
    Set<TopicPartition> matching = matchingPartitions();
    Set<TopicPartition> missing = new HashSet<>(super.assignment());
    missing.removeAll(matching);
    // Missing at two refreshes in a row: a broker that has just started may not list every topic yet.
    Set<TopicPartition> deleted = new HashSet<>(missing);
    deleted.retainAll(missingBefore);
    missingBefore = missing;
    if (!deleted.isEmpty()) {
      if (!topics.isPattern()) {
        throw new KafkaCallException("topic partitions " + deleted + " were deleted while the job ran", null);
      }
      LOG.warn("Topic partitions {} were deleted while the job ran: they are no longer read", deleted);
      for (TopicPartition tp : deleted) {
        long[] known = ends.get(tp);
        gone.put(tp, known == null ? 0L : known[1]);
      }
    }
    Set<TopicPartition> added = new HashSet<>(matching);
    added.removeAll(super.assignment());
    if (!added.isEmpty() || !deleted.isEmpty()) {
      Set<TopicPartition> kept = new HashSet<>(super.assignment());
      kept.removeAll(deleted);
      kept.addAll(added);
      assign(kept);
      startNewPartitionsAtTheBeginning(added);
    }
  }

  /**
   * Whether a partition's topic was deleted while the job ran.
   *
   * @param partition the partition
   * @return {@code true} when it is frozen
   */
  boolean isGone(TopicPartition partition) {
    return gone.containsKey(partition);
  }

  @Override
  public void pause(Collection<TopicPartition> partitions) {
    super.pause(live(partitions));
  }

  @Override
  public void resume(Collection<TopicPartition> partitions) {
    super.resume(live(partitions));
  }

  private Collection<TopicPartition> live(Collection<TopicPartition> partitions) {
    if (gone.isEmpty()) {
      return partitions;
    }
    Set<TopicPartition> live = new HashSet<>(partitions);
    live.removeAll(gone.keySet());
    return live;
  }

  private void startNewPartitionsAtTheBeginning(Set<TopicPartition> added) {
    if (added.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> committed = committed(added);
    Set<TopicPartition> fresh = new HashSet<>();
    for (TopicPartition tp : added) {
      if (committed.get(tp) == null) {
        fresh.add(tp);
      }
    }
    if (!fresh.isEmpty()) {
      LOG.info("New partitions {} start at their earliest offset", fresh);
      seekToBeginning(fresh);
    }
  }

  @Override
  public void seekToEnd(Collection<TopicPartition> partitions) {
    Collection<TopicPartition> live = live(partitions);
    super.seekToEnd(live);
    atEnd.addAll(live);
  }

  @Override
  public void seek(TopicPartition partition, long offset) {
    if (gone.containsKey(partition)) {
      return;
    }
    super.seek(partition, offset);
    atEnd.remove(partition);
  }

  @Override
  public long position(TopicPartition partition) {
    Long frozen = gone.get(partition);
    if (frozen != null) {
      return frozen;
    }
    long position = livePosition(partition);
    if (!atEnd.remove(partition)) {
      ends.put(partition, new long[] {position, position});
      return position;
    }
    long[] known = ends.get(partition);
    if (known != null && known[0] == position) {
      return known[1];
    }
    long from = known == null ? 0 : known[0];
    long visible = visibleEnd(partition, from, position);
    long reported = visible < 0 ? (known == null ? position : known[1]) : visible;
    ends.put(partition, new long[] {position, reported});
    return reported;
  }

  /**
   * The consumer's position, asked in short steps: a partition whose topic was deleted has none, and the
   * plain call would wait {@code default.api.timeout.ms} (60 s) to say only "Timeout".
   */
  private long livePosition(TopicPartition partition) {
    long deadline = System.nanoTime() + POSITION_TIMEOUT.toNanos();
    while (true) {
      requireRunning();
      try {
        return super.position(partition, POSITION_STEP);
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (topicDeleted(partition.topic())) {
          if (!topics.isPattern()) {
            throw new KafkaCallException("topic partitions [" + partition + "] were deleted while the job ran", e);
          }
          LOG.warn("Topic partitions [{}] were deleted while the job ran: they are no longer read", partition);
          long[] known = ends.get(partition);
          long frozen = known == null ? 0L : known[1];
          gone.put(partition, frozen);
          Set<TopicPartition> kept = new HashSet<>(super.assignment());
          kept.remove(partition);
          assign(kept);
          atEnd.remove(partition);
          return frozen;
        }
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  /** Whether the cluster answers and lacks the topic; a cluster that does not answer (restarting) is not proof. */
  private boolean topicDeleted(String topic) {
    try {
      return !listTopics(POSITION_STEP).containsKey(topic);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      return false;
    }
  }

  /**
   * Where the group's offset may move once a batch ending at {@code untilOffset} is done: past the markers and
   * aborted records that follow the last visible record.
   *
   * @param partition the partition
   * @param untilOffset the batch's {@code untilOffset}
   * @return the end seen with that {@code untilOffset}, or {@code untilOffset} itself
   */
  long commitPosition(TopicPartition partition, long untilOffset) {
    long[] known = ends.get(partition);
    return known != null && known[1] == untilOffset ? known[0] : untilOffset;
  }

  /**
   * One past the last record a reader with this consumer's isolation level sees in {@code [from, end)}, or -1
   * when there is none; reads backwards from the end in growing steps.
   */
  private long visibleEnd(TopicPartition partition, long from, long end) {
    KafkaConsumer<byte[], byte[]> reader = probe();
    reader.assign(List.of(partition));
    long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
    for (long step = 1; ; step *= 4) {
      long start = Math.max(from, end - step);
      reader.seek(partition, start);
      long last = -1;
      while (reader.position(partition) < end) {
        if (System.nanoTime() > deadline) {
          throw new KafkaCallException("cannot read " + partition + " up to offset " + end + " within "
              + PROBE_TIMEOUT.toSeconds() + " s", null);
        }
        for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200)).records(partition)) {
          if (r.offset() < end) {
            last = Math.max(last, r.offset());
          }
        }
      }
      if (last >= 0) {
        return last + 1;
      }
      if (start == from) {
        return -1;
      }
    }
  }

  private KafkaConsumer<byte[], byte[]> probe() {
    if (probe == null) {
      Map<String, Object> config = new HashMap<>(params);
      // Reads only: no group, and small fetches (it reads the last few records of a partition).
      config.remove(ConsumerConfig.GROUP_ID_CONFIG);
      config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
      config.put(ConsumerConfig.CLIENT_ID_CONFIG, "wordcount-end-probe");
      probe = new KafkaConsumer<>(config);
    }
    return probe;
  }

  @Override
  public void close(Duration timeout) {
    if (probe != null) {
      probe.close(timeout);
    }
    super.close(timeout);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private static <T> T atStart(java.util.function.Supplier<T> call) {
    long deadline = System.nanoTime() + POSITION_TIMEOUT.toNanos();
    boolean said = false;
    while (true) {
      try {
        return call.get();
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw new KafkaCallException("cannot list the topics to read: no answer from Kafka within "
              + START_SECONDS + " s", e);
        }
        if (!said) {
          LOG.warn("Kafka did not list its topics while the stream started ({}): asking again for up to {} s",
              e.getMessage(), START_SECONDS);
          said = true;
        }
      }
    }
  }

  private Set<TopicPartition> matchingPartitions() {
    Set<TopicPartition> matching = new HashSet<>();
    for (Map.Entry<String, List<PartitionInfo>> topic : listTopics(POSITION_STEP).entrySet()) {
      if (topics.matches(topic.getKey())) {
        for (PartitionInfo p : topic.getValue()) {
          matching.add(new TopicPartition(p.topic(), p.partition()));
        }
      }
    }
    return matching;
  }
}
