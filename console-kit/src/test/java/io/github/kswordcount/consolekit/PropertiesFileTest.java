package io.github.kswordcount.consolekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileTest {

  @TempDir
  Path dir;

  @Test
  void readsUtf8AndUnescapesAsPropertiesDo() throws IOException {
    Path file = Files.writeString(dir.resolve("c.properties"),
        "client.id=café\nkey.separator=\\t|\\u0020\n# comment\nsasl.jaas.config=a=b\nempty=\n",
        StandardCharsets.UTF_8);
    assertThat(PropertiesFile.read(file.toString())).isEqualTo(Map.of("client.id", "café",
        "key.separator", "\t| ", "sasl.jaas.config", "a=b", "empty", ""));
  }

  @Test
  void aMissingFileIsOneLineWithoutUsage() {
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(() -> PropertiesFile.read(missing.toString())).isInstanceOf(UsageException.class)
        .hasMessage("properties file '" + missing + "' does not exist")
        .matches(e -> !((UsageException) e).showUsage(), "shows no usage")
        .matches(e -> ((UsageException) e).line().equals("error: properties file '" + missing + "' does not exist"),
            "printed with error: in front");
  }

  @Test
  void anUnreadableFileIsOneLineNamingItAndTheReason() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.properties"), "k=\\uXYZW\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PropertiesFile.read(file.toString())).isInstanceOf(UsageException.class)
        .hasMessage("cannot read properties file '" + file + "': Malformed \\uxxxx encoding.");
  }
}
