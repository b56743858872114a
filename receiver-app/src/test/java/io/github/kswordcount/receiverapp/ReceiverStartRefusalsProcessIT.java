package io.github.kswordcount.receiverapp;

import io.github.kswordcount.core.testing.JobStartRefusals;
import java.nio.file.Path;

/** The receiver job's fat jar refusing a start: one {@code error:} line on the whole stderr (see the frame). */
class ReceiverStartRefusalsProcessIT extends JobStartRefusals {

  ReceiverStartRefusalsProcessIT() {
    super(Path.of("target", "receiver-app.jar"), "wordcount-receiver");
  }
}
