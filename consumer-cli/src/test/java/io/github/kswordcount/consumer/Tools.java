package io.github.kswordcount.consumer;

import io.github.kswordcount.localkafka.JavaTool;
import java.nio.file.Path;

/** The two console consumers the integration tests run side by side. */
final class Tools {

  /** Kafka's console consumer, the oracle. */
  static final JavaTool KAFKA = JavaTool.mainClass("org.apache.kafka.tools.consumer.ConsoleConsumer");
  /** Ours, as users run it. */
  static final JavaTool OURS = JavaTool.jar(Path.of("target", "consumer-cli.jar"));

  private Tools() {}
}
