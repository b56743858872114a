package io.github.kswordcount.direct;

import io.github.kswordcount.core.testing.JobStartRefusals;
import java.nio.file.Path;

/** The direct job's fat jar refusing a start: one {@code error:} line on the whole stderr (see the frame). */
class DirectStartRefusalsProcessIT extends JobStartRefusals {

  DirectStartRefusalsProcessIT() {
    super(Path.of("target", "direct-app.jar"), "wordcount-direct");
  }
}
