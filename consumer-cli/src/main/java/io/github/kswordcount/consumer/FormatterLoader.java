package io.github.kswordcount.consumer;

import io.github.kswordcount.consolekit.UsageException;
import java.util.Map;
import org.apache.kafka.common.MessageFormatter;

/**
 * Finds the {@code --formatter} class. Kafka's names for its default, logging and no-op formatters (current
 * and deprecated) mean ours, {@code json} our {@link JsonFormatter}; any other name is loaded from the class path
 * and must be a Kafka {@link MessageFormatter}, as with Kafka's tool.
 */
final class FormatterLoader {

  /** Kafka's default formatter, the default of {@code --formatter}. */
  static final String KAFKA_DEFAULT = "org.apache.kafka.tools.consumer.DefaultMessageFormatter";

  private static final Map<String, Class<? extends MessageFormatter>> KAFKA_NAMES = Map.of(
      KAFKA_DEFAULT, DefaultFormatter.class,
      "kafka.tools.DefaultMessageFormatter", DefaultFormatter.class,
      "org.apache.kafka.tools.consumer.LoggingMessageFormatter", LoggingFormatter.class,
      "kafka.tools.LoggingMessageFormatter", LoggingFormatter.class,
      "org.apache.kafka.tools.consumer.NoOpMessageFormatter", NoOpFormatter.class,
      "kafka.tools.NoOpMessageFormatter", NoOpFormatter.class);

  /** {@code --formatter json}: one JSON object per record (no class of Kafka's has a name without a dot). */
  static final String JSON = "json";

  private FormatterLoader() {}

  /**
   * Resolves a formatter name.
   *
   * @param name the {@code --formatter} value
   * @return a {@link MessageFormatter} class with a no-argument constructor
   * @throws UsageException (with usage) as Kafka: the message of the class loading failure
   */
  static Class<?> resolve(String name) {
    if (JSON.equals(name)) {
      return JsonFormatter.class;
    }
    Class<? extends MessageFormatter> ours = KAFKA_NAMES.get(name);
    if (ours != null) {
      return ours;
    }
    try {
      Class<?> type = Class.forName(name);
      if (!MessageFormatter.class.isAssignableFrom(type)) {
        throw UsageException.kafkaText(
            "class " + name + " cannot be cast to class " + MessageFormatter.class.getName(), true);
      }
      type.getDeclaredConstructor();
      return type;
    } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
      // Kafka prints the exception's message, which for a missing class is just its name.
      throw UsageException.kafkaText(String.valueOf(e.getMessage()), true);
    }
  }

  /**
   * Creates and configures the formatter.
   *
   * @param type a class from {@link #resolve}
   * @param config the formatter properties
   * @return the formatter, ready
   * @throws IllegalArgumentException when it cannot be created or configured
   */
  static MessageFormatter create(Class<?> type, Map<String, String> config) {
    MessageFormatter formatter;
    try {
      formatter = (MessageFormatter) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot create formatter " + type.getName() + ": " + e, e);
    }
    formatter.configure(config);
    return formatter;
  }
}
