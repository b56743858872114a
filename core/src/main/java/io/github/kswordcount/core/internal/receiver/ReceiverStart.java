package io.github.kswordcount.core.internal.receiver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One start of a receiver ({@code onStart} to {@code onStop}): its consumer threads, their consumers and
 * rate limiter. Each start has its own, so a thread of a stopped start (still inside {@code store} when
 * Spark restarts the receiver) sees that its start is over, whatever starts later, and never restarts the
 * receiver or keeps polling next to the new consumers.
 */
final class ReceiverStart {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiverStart.class);

  private final int number;
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final List<KafkaConsumer<byte[], byte[]>> consumers = new CopyOnWriteArrayList<>();
  private final RateLimiter limiter = new RateLimiter();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean failed = new AtomicBoolean();

  ReceiverStart(int number) {
    this.number = number;
  }

  /** The how-manieth start of its receiver this is, from 1. */
  int number() {
    return number;
  }

  RateLimiter limiter() {
    return limiter;
  }

  /** Starts a consumer thread of this start. */
  void startThread(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  /**
   * Registers a thread's consumer, so {@link #stop} can wake it.
   *
   * @return {@code false} when this start has stopped already: close the consumer and end
   */
  boolean register(KafkaConsumer<byte[], byte[]> consumer) {
    consumers.add(consumer);
    return running(); // a stop that came before the add did not wake this consumer
  }

  boolean running() {
    return stopped.getCount() > 0;
  }

  /**
   * Waits until this start stops, at most {@code nanos}.
   *
   * @return {@code true} when it stopped
   */
  boolean awaitStop(long nanos) throws InterruptedException {
    return stopped.await(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Whether this is the first failure of this start while it runs: only that one restarts the receiver.
   */
  boolean firstFailure() {
    return running() && failed.compareAndSet(false, true);
  }

  /**
   * Ends this start: wakes its consumers, then waits for its threads to close them, at most {@code joinMs}
   * in all, so the next start's consumers do not join the group next to this one's.
   *
   * @param joinMs the bound on the wait
   */
  void stop(long joinMs) {
    stopped.countDown();
    consumers.forEach(KafkaConsumer::wakeup);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(joinMs);
    try {
      for (Thread thread : threads) {
        long left = deadline - System.nanoTime();
        if (thread != Thread.currentThread() && left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(thread, left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    threads.stream().filter(Thread::isAlive).forEach(t -> LOG.warn("{} still runs {} ms after its receiver "
        + "stopped (inside store?); it will commit what it stored and leave the next start alone", t.getName(),
        joinMs));
  }
}
