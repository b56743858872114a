package io.github.kswordcount.core.internal.receiver;

import io.github.kswordcount.core.kafka.KafkaCallException;
import io.github.kswordcount.core.internal.kafka.KafkaFutures;
import io.github.kswordcount.core.internal.kafka.SharedClients;
import io.github.kswordcount.core.internal.output.FaultPoint;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.streaming.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of committing after output: what each batch read (an accumulator per batch, filled while
 * the batch is computed) and, once the outputs of a batch are done, the announcement of what was counted.
 *
 * <p>The receivers own the consumer group's membership, so the driver cannot commit its offsets (Kafka refuses
 * a commit from outside a group with members). It writes what was counted into a companion group instead,
 * {@code <group>.counted}, which nobody joins: per partition, the offset below which every record is counted,
 * with the time of the write as metadata. Each receiver reads it and commits, in its own group, the positions
 * of the blocks it stored before that time and that the counted offset covers ({@link PendingCommits}).
 *
 * <p>Accumulators do not survive a checkpoint, so the checkpointed closures hold only the ledger's key and
 * find (or make) the batch's accumulator here, on the driver, when the batch is generated or recovered.
 */
final class CountedLedger {
  private static final Logger LOG = LoggerFactory.getLogger(CountedLedger.class);
  /** Metadata prefix of a counted offset; the rest is the write's time in epoch milliseconds. */
  static final String WRITTEN_AT = "counted-at=";
  private static final Map<String, NavigableMap<Long, ReceivedOffsets>> BATCHES = new ConcurrentHashMap<>();
  /** Per ledger, the receivers' source and what this run announced: handed over to the group at the end. */
  private static final Map<String, Announced> ANNOUNCED = new ConcurrentHashMap<>();

  private record Announced(ReceiverSource source, List<String> members, Map<TopicPartition, Long> counted) {}

  private CountedLedger() {}

  /**
   * The batch's records, each noted in the batch's accumulator as it is computed.
   *
   * @param key the stream's ledger
   * @param rdd the batch's records
   * @param time the batch's time
   * @return the same records
   */
  static JavaRDD<ReceivedRecord> noted(String key, JavaRDD<ReceivedRecord> rdd, Time time) {
    ReceivedOffsets read = BATCHES.computeIfAbsent(key, k -> new ConcurrentSkipListMap<>())
        .computeIfAbsent(time.milliseconds(), t -> register(rdd.context(), key, t));
    return rdd.map(record -> {
      read.add(record);
      return record;
    });
  }

  private static ReceivedOffsets register(SparkContext sc, String key, long time) {
    ReceivedOffsets offsets = new ReceivedOffsets();
    sc.register(offsets, "counted offsets " + key + " " + time);
    return offsets;
  }

  /**
   * Takes what every batch up to {@code time} read, and writes it as counted into the companion group.
   *
   * @param key the stream's ledger
   * @param time the batch whose outputs are done
   * @param source the receivers' source: the group and the client settings
   * @param members the receivers' consumers' {@code group.instance.id}s
   * @return what was written: per partition, the offset below which every record is counted
   * @throws io.github.kswordcount.core.kafka.KafkaCallException when Kafka refuses the write (the offsets
   *     are kept for the next batch's write)
   */
  static Map<TopicPartition, Long> countedUpTo(String key, Time time, ReceiverSource source, List<String> members) {
    NavigableMap<Long, ReceivedOffsets> batches = BATCHES.get(key);
    if (batches == null) {
      return Map.of();
    }
    Map<TopicPartition, Long> counted = new HashMap<>();
    NavigableMap<Long, ReceivedOffsets> done = batches.headMap(time.milliseconds(), true);
    done.values().forEach(read -> read.value().forEach((p, offset) -> counted.merge(p, offset, Math::max)));
    FaultPoint.afterOutput(!counted.isEmpty());
    if (!counted.isEmpty()) {
      FaultPoint.at(FaultPoint.Moment.COUNTED_ANNOUNCEMENT);
      String metadata = WRITTEN_AT + System.currentTimeMillis();
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      counted.forEach((p, offset) -> offsets.put(p, new OffsetAndMetadata(offset, metadata)));
      Admin admin = SharedClients.admin(source.consumerParams());
      KafkaFutures.awaitWrite(admin.alterConsumerGroupOffsets(source.countedGroup(), offsets).all(),
          source.kafkaTimeout(),
          "write the counted offsets of group '" + source.countedGroup() + "'", source.consumerParams(),
          KafkaFutures.OFFSETS_TOPIC);
      LOG.debug("Counted up to batch {}: {}", time, offsets);
      Announced announced = ANNOUNCED.computeIfAbsent(key,
          k -> new Announced(source, List.copyOf(members), new ConcurrentHashMap<>()));
      counted.forEach((p, offset) -> announced.counted().merge(p, offset, Math::max));
    }
    done.clear();
    return counted;
  }

  /**
   * Forgets what earlier runs of a group noted and announced in this JVM. A run that failed was not handed over,
   * so its batches stay here; a run recovered from the same checkpoint has the same ledger (the key is in the
   * checkpointed graph) and the same batch times, so it would find them and announce as counted what the failed run
   * had only read (seen: a restart in one JVM committed the end offsets and counted 46 % of a word's records).
   *
   * @param source the group's source
   */
  static void forgetEarlierRuns(ReceiverSource source) {
    String prefix = source.countedGroup() + "/";
    BATCHES.keySet().removeIf(key -> key.startsWith(prefix));
    ANNOUNCED.keySet().removeIf(key -> key.startsWith(prefix));
  }

  /**
   * After a graceful stop, when every stored block has been output but the receivers, stopped first, could not
   * commit the last ones: removes this process's static members from the group (a static member stays in it
   * until its session times out), then commits what was counted beyond the group's offsets. When other
   * processes are members of the group the commit is refused, and they read those records again.
   *
   * @param timeout the bound on each Kafka call
   * @throws KafkaCallException when Kafka did not answer within the bound: the stop did not commit where the run
   *     ended, and the next run reads those records again
   */
  static void handOverAll(Duration timeout) {
    if (!ANNOUNCED.isEmpty()) {
      FaultPoint.at(FaultPoint.Moment.STOP_HAND_OVER);
    }
    KafkaCallException failed = null;
    try {
      for (Announced announced : ANNOUNCED.values()) {
        try {
          handOver(announced, timeout);
        } catch (KafkaCallException e) {
          if (noAnswer(e)) {
            failed = failed == null ? e : failed;
          } else {
            // Refused: other members of the group (another process) are reading, and read those records again.
            LOG.info("{}: other members of the group read those records again", e.getMessage());
          }
        }
      }
    } finally {
      ANNOUNCED.clear();
      BATCHES.clear();
    }
    if (failed != null) {
      // The stop did not end where it says: the run fails, and the next one reads those records again.
      throw new KafkaCallException(failed.getMessage() + " after the stop: the next run reads the last batches "
          + "again", failed);
    }
  }

  /** Whether Kafka did not answer (a broker gone), rather than refused the call (the group has other members). */
  private static boolean noAnswer(KafkaCallException e) {
    Throwable cause = e.getCause();
    return cause instanceof TimeoutException
        || cause instanceof org.apache.kafka.common.errors.TimeoutException || cause instanceof RetriableException;
  }

  /**
   * Before the receivers of a run recovered from its checkpoint start: what the companion group says was
   * counted is handed over to the group, as after a graceful stop, since a process killed between its
   * announcement and its receivers' commit could not.
   *
   * @param source the receivers' source
   * @param members the receivers' consumers' {@code group.instance.id}s (the dead run's, the same again)
   * @param timeout the bound on each Kafka call
   */
  static void handOverAnnounced(ReceiverSource source, List<String> members, Duration timeout) {
    Admin admin = SharedClients.admin(source.consumerParams());
    try {
      Map<TopicPartition, Long> counted = new HashMap<>();
      KafkaFutures.await(admin.listConsumerGroupOffsets(source.countedGroup()).partitionsToOffsetAndMetadata(),
          timeout, "read the offsets of group '" + source.countedGroup() + "'")
          .forEach((p, offset) -> {
            if (offset != null) {
              counted.put(p, offset.offset());
            }
          });
      if (!counted.isEmpty()) {
        handOver(new Announced(source, members, counted), timeout);
      }
    } catch (KafkaCallException e) {
      LOG.info("{}: the receivers read again from the group's committed offsets", e.getMessage());
    }
  }

  private static void handOver(Announced announced, Duration timeout) {
    String group = String.valueOf(announced.source().consumerParams().get("group.id"));
    Admin admin = SharedClients.admin(announced.source().consumerParams());
    List<MemberToRemove> members = announced.members().stream().map(MemberToRemove::new).toList();
    try {
      admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(members)).all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("Removing the members {} of group '{}': {}", announced.members(), group, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> committed = KafkaFutures.await(
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), timeout,
        "read the offsets of group '" + group + "'");
    Map<TopicPartition, OffsetAndMetadata> forward = new HashMap<>();
    announced.counted().forEach((p, offset) -> {
      OffsetAndMetadata current = committed.get(p);
      if (current == null || current.offset() < offset) {
        forward.put(p, new OffsetAndMetadata(offset));
      }
    });
    if (!forward.isEmpty()) {
      KafkaFutures.await(admin.alterConsumerGroupOffsets(group, forward).all(), timeout,
          "commit the last counted offsets of group '" + group + "'");
      LOG.info("Committed the offsets of the last batch output, for {} partition(s)", forward.size());
    }
  }
}
