package io.github.kswordcount.producer;

import io.github.kswordcount.localkafka.JavaTool;
import java.nio.file.Path;

/** The two console producers the integration tests run side by side. */
final class Tools {

  /** Kafka's console producer, the oracle. */
  static final JavaTool KAFKA = JavaTool.mainClass("kafka.tools.ConsoleProducer");
  /** Ours, as users run it. */
  static final JavaTool OURS = JavaTool.jar(Path.of("target", "producer-cli.jar"));

  private Tools() {}
}
