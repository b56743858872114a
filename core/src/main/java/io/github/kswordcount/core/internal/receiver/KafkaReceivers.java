package io.github.kswordcount.core.internal.receiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.scheduler.StreamingListener;

/**
 * Creates receiver-based Kafka streams, the successor of Spark 2's {@code KafkaUtils.createStream}: several
 * receivers in one consumer group, each with several consumer threads, unioned into one stream; Kafka's
 * group coordinator spreads the partitions over all their consumers.
 *
 * <pre>{@code
 * KafkaReceiverStream stream = KafkaReceivers.createStream(ssc,
 *     ReceiverSource.of(params, Topics.names(List.of("lab"))), 1, 1, 0);   // the lab's {topic: 1}
 * ... count stream.records() and write the counts ...
 * stream.commitWhenOutput(counts);   // offsets are committed once a batch is output
 * }</pre>
 */
public final class KafkaReceivers {
  /** Restarts in a row with the same fatal cause before the job gives up. */
  private static final int FATAL_RESTARTS = 3;

  private KafkaReceivers() {}

  /**
   * Creates the stream, its blocks stored as {@link #storageLevel} says for the context's write-ahead log
   * setting ({@code spark.streaming.receiver.writeAheadLog.enable}) and master.
   *
   * @param ssc the streaming context
   * @param source what to consume, in which group
   * @param consumerThreads consumer threads per receiver
   * @param receivers how many receivers (each holds one core)
   * @param maxRatePerReceiver records per second per receiver, 0 for no limit
   * @return the union of the receivers' streams, and the commit to register after the outputs
   */
  public static KafkaReceiverStream createStream(JavaStreamingContext ssc, ReceiverSource source,
      int consumerThreads, int receivers, long maxRatePerReceiver) {
    return createStream(ssc, source, consumerThreads, receivers, maxRatePerReceiver, AfterStore.NOTHING);
  }

  /**
   * Creates the stream with a hook between store and commit; for tests of the guarantee.
   *
   * @param ssc the streaming context
   * @param source what to consume, in which group
   * @param consumerThreads consumer threads per receiver
   * @param receivers how many receivers
   * @param maxRatePerReceiver records per second per receiver, 0 for no limit
   * @param afterStore called after each store, before the commit
   * @return the union of the receivers' streams, and the commit to register after the outputs
   */
  public static KafkaReceiverStream createStream(JavaStreamingContext ssc, ReceiverSource source,
      int consumerThreads, int receivers, long maxRatePerReceiver, AfterStore afterStore) {
    if (consumerThreads < 1 || receivers < 1) {
      throw new IllegalArgumentException("consumer threads and receivers must be at least 1");
    }
    SparkContext sc = ssc.sparkContext().sc();
    StorageLevel level =
        storageLevel(sc.conf().getBoolean("spark.streaming.receiver.writeAheadLog.enable", false), sc.isLocal());
    List<JavaDStream<ReceivedRecord>> streams = new ArrayList<>(receivers);
    for (int i = 0; i < receivers; i++) {
      streams.add(ssc.receiverStream(
          new ReliableKafkaReceiver(source, i, consumerThreads, maxRatePerReceiver, level, afterStore)));
    }
    JavaDStream<ReceivedRecord> union;
    if (streams.size() == 1) {
      union = streams.get(0);
    } else {
      @SuppressWarnings("unchecked")
      JavaDStream<ReceivedRecord>[] all = streams.toArray(new JavaDStream[0]);
      union = ssc.union(all);
    }
    // Every record is noted in its batch's ledger as it is counted; the commit reads the ledger.
    String ledger = source.countedGroup() + "/" + UUID.randomUUID();
    JavaDStream<ReceivedRecord> noted = union.transform((rdd, time) -> CountedLedger.noted(ledger, rdd, time));
    return new KafkaReceiverStream(noted, source, ledger, members(source, receivers, consumerThreads));
  }

  private static List<String> members(ReceiverSource source, int receivers, int consumerThreads) {
    List<String> members = new ArrayList<>();
    for (int r = 0; r < receivers; r++) {
      for (int t = 0; t < consumerThreads; t++) {
        members.add(String.valueOf(source.consumerParams(r, t).get("group.instance.id")));
      }
    }
    return members;
  }

  /**
   * Call on a context recovered from its checkpoint, before starting it: the new run reads from Kafka what the
   * dead one had stored and not counted, never from the write-ahead log.
   *
   * <p>Every block the dead run stored is either counted and announced, not yet committed by a receiver killed
   * before it could (committed here now), or not announced, so not committed, and read again from the group's
   * committed offsets by the new receivers. Replaying the log's copy as well, as Spark would (the blocks of the
   * batches pending at the crash, and those stored but not yet in a batch), counts those records twice; so its
   * block metadata and data are deleted, and the recovered batches run empty. The log still serves its other
   * purpose: a batch whose executor was lost while the job runs is computed from it.
   *
   * @param ssc the recovered context, not started
   * @param source what the receivers consume, as when the context was built
   * @param consumerThreads consumer threads per receiver, as when built
   * @param receivers how many receivers, as when built
   * @param timeout the bound on each Kafka call
   * @throws java.io.UncheckedIOException when the log cannot be deleted
   */
  public static void resumeFromKafka(JavaStreamingContext ssc, ReceiverSource source, int consumerThreads,
      int receivers, Duration timeout) {
    String checkpoint = ssc.ssc().checkpointDir();
    if (checkpoint != null) {
      try {
        FileSystem fs = new Path(checkpoint).getFileSystem(ssc.sparkContext().hadoopConfiguration());
        for (String log : new String[] {"receivedBlockMetadata", "receivedData"}) {
          fs.delete(new Path(checkpoint, log), true);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the write-ahead log in " + checkpoint, e);
      }
    }
    CountedLedger.handOverAnnounced(source, members(source, receivers, consumerThreads), timeout);
  }

  /**
   * Call before a run of the source's group builds its graph, with no other run of the group in this JVM: what an
   * earlier run of it noted but never handed over (it failed) must not be announced by this one.
   *
   * @param source the source
   */
  public static void forgetEarlierRuns(ReceiverSource source) {
    CountedLedger.forgetEarlierRuns(source);
  }

  /**
   * Registers the receivers' classes with Spark's Kryo serializer, for when {@code spark.serializer} is Kryo (as
   * many jobs set it): without it the receivers cannot be shipped and never start ({@link ReceiverKryo}). Harmless
   * with Java serialization. Call it on the configuration the streaming context is made from.
   *
   * @param conf the configuration, changed in place
   * @return the same configuration
   */
  public static SparkConf withKryoRegistration(SparkConf conf) {
    return ReceiverKryo.register(conf);
  }

  /**
   * Call after the streaming context stopped gracefully: commits the offsets of the last batches output, which
   * the receivers, stopped before those batches ran, could not. Without it a restart reads them again. Does
   * nothing in a JVM without receiver streams.
   *
   * @param timeout the bound on each Kafka call
   * @throws io.github.kswordcount.core.kafka.KafkaCallException when Kafka did not answer within the bound
   */
  public static void handOverAfterStop(Duration timeout) {
    CountedLedger.handOverAll(timeout);
  }

  /**
   * A driver-side listener that ends a job whose receiver fails again and again for a cause no restart
   * cures: Spark would restart it forever. At the third restart in a row of one receiver for the same
   * fencing, authorization or authentication failure it calls {@code giveUp} once, with a failure whose
   * message says so in one line.
   *
   * <pre>{@code
   * ssc.ssc().addStreamingListener(KafkaReceivers.giveUpOnRepeatedFatalErrors(progress::failed, params));
   * }</pre>
   *
   * <p>An instance id another member holds ({@code group.protocol=consumer}) is tried for longer: for as long as
   * the broker keeps a member that crashed (its {@code group.consumer.session.timeout.ms}, 45 s by default) and
   * 15 s more, so a receiver restarted after a crash takes its id back instead of giving up.
   *
   * @param giveUp ends the job with the failure (called on Spark's listener thread)
   * @param params the receivers' consumer parameters, to ask the broker for its session timeout
   * @return the listener, to add to the streaming context
   */
  public static StreamingListener giveUpOnRepeatedFatalErrors(Consumer<RuntimeException> giveUp,
      Map<String, Object> params) {
    return new ReceiverFailures(FATAL_RESTARTS, giveUp, System::nanoTime, () -> GroupSessions.unreleasedGrace(params));
  }

  /**
   * Where the received blocks are kept. The receiver commits a block's offsets once its batch is output, so
   * Kafka holds every record not yet counted; the copies decide whether a batch whose executor died can still
   * be counted where it is, or has to be read from Kafka again after a restart:
   * <ul>
   *   <li>write-ahead log on: serialized, not replicated ({@code MEMORY_AND_DISK_SER}); the log in the
   *       checkpoint directory is the second copy (a restarted driver reads from Kafka instead:
   *       {@link #resumeFromKafka});
   *   <li>off, on a cluster: serialized and replicated to a second executor ({@code MEMORY_AND_DISK_SER_2},
   *       Spark's receiver default), so losing one executor fails no batch;
   *   <li>off, local: {@code MEMORY_AND_DISK_SER}; the one JVM holds every copy anyway, and with nobody to
   *       replicate to Spark would warn on every block.
   * </ul>
   * Serialized even where nothing needs the bytes: kept as objects ({@code MEMORY_AND_DISK}, local, no log), the
   * records of the blocks not yet counted are copied by every young collection they live through (young pauses of
   * 1.35 s in all in a run of 10,000,000 records, against 0.48 s), and one receiver read 611,000 to 650,000 records a
   * second instead of 877,000 to 1,008,000 (4 alternated rounds).
   *
   * @param writeAheadLog whether the receiver write-ahead log is on
   * @param local whether the master is local
   * @return the storage level
   */
  static StorageLevel storageLevel(boolean writeAheadLog, boolean local) {
    return writeAheadLog || local ? StorageLevel.MEMORY_AND_DISK_SER() : StorageLevel.MEMORY_AND_DISK_SER_2();
  }
}
