package io.github.kswordcount.kafka4;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the test JVM's one {@link Kafka4Broker}, injected as a parameter: started by the first class
 * that asks (failsafe runs the module's ITs in one JVM), stopped when JUnit ends, also after failures. Tests share
 * it, so each uses topics and groups of its own.
 *
 * <pre>{@code
 * @ExtendWith(Kafka4Extension.class)
 * class SomeKafka4IT {
 *     @Test
 *     void works(Kafka4Broker kafka) { kafka.createTopic("works-in", 3); }
 * }
 * }</pre>
 */
public final class Kafka4Extension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Kafka4Extension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    broker(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Kafka4Broker.class;
  }

  @Override
  public Kafka4Broker resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return broker(context);
  }

  /** Started once in the root context, whose store JUnit closes at its end. */
  private static Kafka4Broker broker(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Shared.class, key -> new Shared(Kafka4Broker.start()), Shared.class).broker();
  }

  private record Shared(Kafka4Broker broker) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      broker.close();
    }
  }
}
