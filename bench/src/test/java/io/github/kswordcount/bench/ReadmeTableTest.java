package io.github.kswordcount.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeTableTest {
  @TempDir Path dir;

  @Test
  void replacesOnlyWhatIsBetweenTheMarkers() throws IOException {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "# T\nbefore\n" + BenchMain.README_BEGIN + "\nold | table\n" + BenchMain.README_END
        + "\nafter\n");

    BenchMain.updateReadme(readme, "| new |\n|---|\n");

    assertThat(Files.readString(readme)).isEqualTo("# T\nbefore\n" + BenchMain.README_BEGIN + "\n| new |\n|---|\n"
        + BenchMain.README_END + "\nafter\n");
  }

  @Test
  void refusesAReadmeWithoutTheMarkers() throws IOException {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "# T\n");

    assertThatThrownBy(() -> BenchMain.updateReadme(readme, "| new |\n")).hasMessageContaining("markers");
    assertThat(Files.readString(readme)).isEqualTo("# T\n");
  }
}
