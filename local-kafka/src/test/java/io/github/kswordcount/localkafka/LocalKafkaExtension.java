package io.github.kswordcount.localkafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes a {@link LocalKafka}, injected as a parameter of test, {@code @BeforeAll} and
 * {@code @BeforeEach} methods. A {@code @Nested} class shares its enclosing class's broker.
 *
 * <p>The default one (one node, free port, temporary data) is shared by every class of the test JVM that asks for
 * it (failsafe reuses the JVM for a module's ITs): started once, closed when JUnit ends, and emptied after each
 * class (its topics and consumer groups deleted), so a class never sees another's records; a broker start is
 * seconds, times forty classes. A class that stops or restarts its broker, or needs other settings, asks for its
 * own with {@link #LocalKafkaExtension(Consumer)}: started before the class, closed after it even when tests fail.
 *
 * <pre>{@code
 * @ExtendWith(LocalKafkaExtension.class)           // the shared broker
 * class WordCountIT {
 *     @Test
 *     void countsWords(LocalKafka kafka) {
 *         kafka.createTopic("lines-" + UUID.randomUUID(), 1, 1);
 *     }
 * }
 *
 * @RegisterExtension                                // or configured
 * static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(b -> b.nodes(3).topic("lines", 2));
 * }</pre>
 */
public final class LocalKafkaExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalKafkaExtension.class);
  private static final String KEY = "localKafka";

  private static final String SHARED_KEY = "sharedLocalKafka";
  private static final Duration CLEAN_TIMEOUT = Duration.ofSeconds(60);

  /** Own broker's settings; {@code null} for the shared broker. */
  private final Consumer<LocalKafka.Builder> settings;

  /** The shared single-node broker with the defaults of {@link LocalKafka#builder()}. */
  public LocalKafkaExtension() {
    this.settings = null;
  }

  /**
   * A broker of the class's own, configured by {@code settings} ({@code b -> { }} for the defaults).
   *
   * @param settings applied to a fresh {@link LocalKafka.Builder} before each test class
   */
  public LocalKafkaExtension(Consumer<LocalKafka.Builder> settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    // Also finds the broker of an enclosing class: a @Nested class shares it.
    if (store.get(KEY, LocalKafka.class) == null) {
      store.put(KEY, settings == null ? shared(context) : started(settings));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // remove() looks at this class's own store only, so a nested class never closes its parent's broker.
    LocalKafka kafka = context.getStore(NAMESPACE).remove(KEY, LocalKafka.class);
    if (kafka != null && settings == null) {
      empty(kafka);
    } else if (kafka != null) {
      kafka.close();
    }
  }

  private static LocalKafka started(Consumer<LocalKafka.Builder> settings) {
    LocalKafka.Builder builder = LocalKafka.builder();
    settings.accept(builder);
    return builder.build().start();
  }

  /** The JVM's shared broker, started at first use; JUnit closes it (a CloseableResource) when it ends. */
  private static LocalKafka shared(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SHARED_KEY,
        key -> new Shared(started(builder -> { })), Shared.class).kafka;
  }

  /** Deletes every topic and consumer group a class left, and waits until the topics are gone. */
  private static void empty(LocalKafka kafka) {
    try (Admin admin = Admin.create(new HashMap<>(kafka.clientConfig()))) {
      List<String> groups = admin.listConsumerGroups().all().get().stream()
          .map(ConsumerGroupListing::groupId).toList();
      for (String group : groups) {
        // Static members (the receivers' group.instance.id) stay in the group after their consumer closed.
        try {
          admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all().get();
        } catch (ExecutionException e) {
          // No members to remove: the group is empty already.
        }
      }
      if (!groups.isEmpty()) {
        admin.deleteConsumerGroups(groups).all().get();
      }
      Set<String> topics = admin.listTopics().names().get();
      if (!topics.isEmpty()) {
        admin.deleteTopics(topics).all().get();
      }
      await("the topics of the last class deleted").atMost(CLEAN_TIMEOUT).pollInSameThread()
          .until(() -> admin.listTopics().names().get().isEmpty());
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot empty the shared broker: " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while emptying the shared broker", e);
    }
  }

  private record Shared(LocalKafka kafka) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      kafka.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalKafka.class;
  }

  @Override
  public LocalKafka resolveParameter(ParameterContext parameter, ExtensionContext context) {
    LocalKafka kafka = context.getStore(NAMESPACE).get(KEY, LocalKafka.class);
    if (kafka == null) {
      throw new IllegalStateException("no LocalKafka: register LocalKafkaExtension on the test class");
    }
    return kafka;
  }
}
