package io.github.kswordcount.localkafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The nodes of a local cluster, started and stopped together on their own threads. */
final class Cluster {
  private final List<KafkaNode> nodes;

  Cluster(List<KafkaNode> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  int size() {
    return nodes.size();
  }

  boolean isRunning(int index) {
    return nodes.get(index).isRunning();
  }

  int runningCount() {
    return (int) nodes.stream().filter(KafkaNode::isRunning).count();
  }

  /** Starts every node at once: each voter's startup blocks until a quorum of voters is up. */
  void startAll(Deadline deadline) {
    inParallel(nodes, "start", KafkaNode::start, deadline);
  }

  void start(int index, Deadline deadline) {
    inParallel(List.of(nodes.get(index)), "start", KafkaNode::start, deadline);
  }

  void stop(int index, Deadline deadline) {
    inParallel(List.of(nodes.get(index)), "stop", KafkaNode::stop, deadline);
  }

  /**
   * Stops every node: first the broker parts of all nodes at once, so each broker's controlled shutdown finds the
   * controller quorum whole, then the nodes (their controllers) at once.
   */
  void stopAll(Deadline deadline) {
    inParallel(nodes, "stop", KafkaNode::stopBroker, deadline);
    inParallel(nodes, "stop", KafkaNode::stop, deadline);
  }

  private static void inParallel(List<KafkaNode> targets, String verb, Consumer<KafkaNode> action,
                  Deadline deadline) {
    ExecutorService pool = Executors.newFixedThreadPool(targets.size(), daemonThreads("local-kafka-" + verb));
    try {
      List<Future<?>> futures = new ArrayList<>();
      targets.forEach(node -> futures.add(pool.submit(() -> action.accept(node))));
      for (int i = 0; i < targets.size(); i++) {
        await(futures.get(i), targets.get(i).index(), verb, deadline);
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void await(Future<?> future, int index, String verb, Deadline deadline) {
    try {
      future.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LocalKafkaException known) {
        throw known;
      }
      throw new LocalKafkaException(String.format(Locale.ROOT, "Kafka node %d failed to %s: %s",
          index, verb, oneLine(cause)), cause);
    } catch (TimeoutException e) {
      throw new LocalKafkaException(String.format(Locale.ROOT, "Kafka node %d did not %s within %s",
          index, verb, deadline.totalText()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalKafkaException(String.format(Locale.ROOT,
          "interrupted while waiting for Kafka node %d to %s", index, verb), e);
    }
  }

  private static String oneLine(Throwable error) {
    String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return message.lines().findFirst().orElse("").trim();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.getAndIncrement());
      // A node stuck in start-up must not keep the JVM alive after start() gave up on it.
      thread.setDaemon(true);
      return thread;
    };
  }
}
