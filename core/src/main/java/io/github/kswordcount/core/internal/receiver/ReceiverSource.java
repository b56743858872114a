package io.github.kswordcount.core.internal.receiver;

import io.github.kswordcount.core.WordCountBuilder;
import io.github.kswordcount.core.kafka.Topics;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * What a receiver's consumers subscribe to: topic names or a pattern, with the consumer parameters, and the
 * name of the process (the instance) whose consumers they are.
 *
 * @param consumerParams consumer parameters with {@code group.id} and {@code enable.auto.commit=false}
 * @param topics topic names or a pattern
 * @param instance this process's name in the group: the prefix of its consumers' {@code group.instance.id}
 * @param kafkaTimeout how long a write of the receivers' notes (what was counted) may take
 */
public record ReceiverSource(HashMap<String, Object> consumerParams, Topics topics, String instance,
    Duration kafkaTimeout) implements Serializable {

  /** What Kafka accepts in a {@code group.instance.id}. */
  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  /** Checks the instance name: it becomes part of every consumer's {@code group.instance.id}. */
  public ReceiverSource {
    if (!INSTANCE.matcher(instance).matches()) {
      throw new IllegalArgumentException("instance '" + instance + "' is invalid: use 1 to 200 of A-Z a-z 0-9 . _ -");
    }
  }

  /**
   * A source for topic names or a pattern, its consumers named after this process ({@link #processInstance()}).
   *
   * @param params consumer parameters
   * @param topics the topics
   * @return the source
   */
  public static ReceiverSource of(Map<String, Object> params, Topics topics) {
    return new ReceiverSource(checked(params), topics, processInstance(), WordCountBuilder.DEFAULT_KAFKA_TIMEOUT);
  }

  /**
   * The same source for another process name. Two processes reading with one group need two names, else
   * their consumers claim the same static identities and fence each other; a process restarted with its old
   * name takes its partitions back at once.
   *
   * @param name letters, digits, {@code . _ -}
   * @return the source
   * @throws IllegalArgumentException for a name Kafka would refuse
   */
  public ReceiverSource withInstance(String name) {
    return new ReceiverSource(consumerParams, topics, name, kafkaTimeout);
  }

  /**
   * The same source with another bound on its writes to Kafka.
   *
   * @param timeout how long a write of the receivers' notes may take
   * @return the source
   */
  public ReceiverSource withKafkaTimeout(Duration timeout) {
    return new ReceiverSource(consumerParams, topics, instance, timeout);
  }

  /**
   * A name unique among the processes running now: {@code <host>-<pid>}.
   *
   * @return the name, with only the characters a {@code group.instance.id} may hold
   */
  public static String processInstance() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    String name = host.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + ProcessHandle.current().pid();
    return name.length() <= 200 ? name : name.substring(name.length() - 200);
  }

  /**
   * The consumer parameters of one consumer thread: a static member of the group named after the process,
   * the receiver and the thread ({@code <group>-<instance>-receiver-<r>-<t>}); a {@code group.instance.id}
   * in the parameters takes the place of {@code <group>-<instance>}. A pattern's consumers refresh their
   * metadata every 5 s unless {@code metadata.max.age.ms} says otherwise.
   */
  HashMap<String, Object> consumerParams(int receiver, int thread) {
    HashMap<String, Object> params = new HashMap<>(consumerParams);
    Object prefix = params.getOrDefault("group.instance.id", params.get("group.id") + "-" + instance);
    params.put("group.instance.id", prefix + "-receiver-" + receiver + "-" + thread);
    if (topics.isPattern()) {
      // A pattern finds new topics at the metadata refresh: every 5 s, not Kafka's 5 minutes.
      params.putIfAbsent("metadata.max.age.ms", "5000");
    }
    return params;
  }

  /**
   * The companion group the driver announces counted offsets in ({@code <group>.counted}): nobody joins it,
   * so the driver may write it while the receivers' consumers hold the group itself.
   *
   * @return the group id
   */
  public String countedGroup() {
    return consumerParams.get("group.id") + ".counted";
  }

  /**
   * Subscribes the consumer; the listener it returns keeps the consumer's committed offsets.
   *
   * @param topicsAtStart for a pattern, the topics that existed when the receiver started: a topic found
   *     later starts at its earliest offset; {@code null} for names
   * @param pending the thread's stored blocks waiting for their commit
   * @param running whether the thread's receiver start still runs
   */
  CommittedOffsets subscribe(KafkaConsumer<byte[], byte[]> consumer, Set<String> topicsAtStart,
      PendingCommits pending, BooleanSupplier running) {
    CommittedOffsets listener = new CommittedOffsets(consumer, topicsAtStart, pending, running);
    if (topics.isPattern()) {
      // The pattern again, as Topics.matches: never Kafka's internal (__) topics.
      consumer.subscribe(Pattern.compile("(?!__)(?:" + topics.pattern().pattern() + ")"), listener);
    } else {
      consumer.subscribe(topics.names(), listener);
    }
    return listener;
  }

  private static HashMap<String, Object> checked(Map<String, Object> params) {
    if (params.get("group.id") == null) {
      throw new IllegalArgumentException("consumer parameters have no group.id");
    }
    if (Boolean.parseBoolean(String.valueOf(params.get("enable.auto.commit")))) {
      throw new IllegalArgumentException("enable.auto.commit must be false: the receiver commits after storing");
    }
    return new HashMap<>(params);
  }
}
