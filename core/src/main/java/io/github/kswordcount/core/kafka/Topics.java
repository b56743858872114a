package io.github.kswordcount.core.kafka;

import io.github.kswordcount.core.internal.kafka.KafkaFutures;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;

/**
 * What a job reads: named topics, or every topic whose whole name matches a pattern (now and created later).
 * A pattern never matches Kafka's internal topics ({@code __consumer_offsets}, {@code __transaction_state}
 * and any other name starting with {@code __}). Serializable, so it sits in Spark closures and checkpoints.
 *
 * <pre>{@code
 * Topics.names(List.of("lab"));          // topics [lab]
 * Topics.pattern(Pattern.compile("lab-.*"));  // pattern lab-.*
 * }</pre>
 */
public final class Topics implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> names;
  private final Pattern pattern;

  private Topics(List<String> names, Pattern pattern) {
    this.names = names;
    this.pattern = pattern;
  }

  /**
   * Named topics.
   *
   * @param names the topic names, at least one
   * @return the topics
   */
  public static Topics names(Collection<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no topic names");
    }
    return new Topics(List.copyOf(names), null);
  }

  /**
   * Every topic whose whole name matches, internal topics left out.
   *
   * @param pattern a Java regular expression for whole topic names
   * @return the topics
   */
  public static Topics pattern(Pattern pattern) {
    return new Topics(List.of(), Objects.requireNonNull(pattern, "pattern"));
  }

  /**
   * Whether a topic is one of these.
   *
   * @param topic a topic name
   * @return {@code true} for a named topic, or a matching, non-internal one
   */
  public boolean matches(String topic) {
    if (pattern == null) {
      return names.contains(topic);
    }
    return !topic.startsWith("__") && pattern.matcher(topic).matches();
  }

  /**
   * Whether these are given by a pattern.
   *
   * @return {@code true} for {@link #pattern(Pattern)}
   */
  public boolean isPattern() {
    return pattern != null;
  }

  /**
   * The named topics.
   *
   * @return the names, empty for a pattern
   */
  public List<String> names() {
    return names;
  }

  /**
   * The pattern.
   *
   * @return the pattern, or {@code null} for named topics
   */
  public Pattern pattern() {
    return pattern;
  }

  /**
   * The topics that exist now: the names as given, or the cluster's topics that match.
   *
   * @param admin an Admin client of the cluster
   * @param timeout how long to wait for the cluster
   * @return topic names, sorted for a pattern
   * @throws KafkaCallException when the cluster does not answer
   */
  public List<String> resolve(Admin admin, Duration timeout) {
    if (pattern == null) {
      return names;
    }
    Set<String> all = KafkaFutures.await(admin.listTopics().names(), timeout, "list topics");
    return all.stream().filter(this::matches).sorted().toList();
  }

  /**
   * For logs and the start line.
   *
   * @return {@code topics [lab]} or {@code pattern lab-.*}
   */
  @Override
  public String toString() {
    return pattern == null ? "topics " + names : "pattern " + pattern.pattern();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Topics t && names.equals(t.names)
        && Objects.equals(pattern == null ? null : pattern.pattern(), t.pattern == null ? null : t.pattern.pattern());
  }

  @Override
  public int hashCode() {
    return Objects.hash(names, pattern == null ? null : pattern.pattern());
  }
}
