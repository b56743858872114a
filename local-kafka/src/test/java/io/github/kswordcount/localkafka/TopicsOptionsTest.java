package io.github.kswordcount.localkafka;

import com.beust.jcommander.JCommander;
import io.github.kswordcount.consolekit.UsageException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code topics} options as parsed, without a broker. */
class TopicsOptionsTest {

  @Test
  void keepsAConfigValueWithCommasWholeAndTakesACommandConfig() throws UsageException {
    TopicsOptions options = new TopicsOptions();
    JCommander.newBuilder().addObject(options).build().parse("--bootstrap-server", "h:1", "--create", "--topic",
        "t", "--config", "cleanup.policy=compact,delete", "--config", "retention.ms=1000",
        "--command-config", "admin.properties");

    TopicsRequest request = options.toRequest();

    assertThat(request.configs()).isEqualTo(Map.of("cleanup.policy", "compact,delete", "retention.ms", "1000"));
    assertThat(request.connection().commandConfig()).isEqualTo(Optional.of(Path.of("admin.properties")));
  }
}
