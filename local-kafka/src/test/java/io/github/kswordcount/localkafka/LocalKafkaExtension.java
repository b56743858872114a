package io.github.kswordcount.localkafka;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs one {@link LocalKafka} per test class, closed after the class even when tests fail, and injects it
 * as a parameter of test, {@code @BeforeAll} and {@code @BeforeEach} methods. A {@code @Nested} class shares
 * its enclosing class's broker.
 *
 * <pre>{@code
 * @ExtendWith(LocalKafkaExtension.class)           // one node, free port, temporary data
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

  private final Consumer<LocalKafka.Builder> settings;

  /** A single-node broker with the defaults of {@link LocalKafka#builder()}. */
  public LocalKafkaExtension() {
    this(builder -> { });
  }

  /**
   * A broker configured by {@code settings}.
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
      LocalKafka.Builder builder = LocalKafka.builder();
      settings.accept(builder);
      store.put(KEY, builder.build().start());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // remove() looks at this class's own store only, so a nested class never closes its parent's broker.
    LocalKafka kafka = context.getStore(NAMESPACE).remove(KEY, LocalKafka.class);
    if (kafka != null) {
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
