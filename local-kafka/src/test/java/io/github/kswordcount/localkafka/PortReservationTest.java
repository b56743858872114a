package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Ports are picked below the system's ephemeral range, where no outgoing connection of another process takes one
 * between the pick and Kafka's bind (CI: "Socket server failed to bind to 127.0.0.1:43781: Address already in use").
 */
class PortReservationTest {
  private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  @Test
  void picksPortsBelowTheEphemeralRange() throws IOException {
    assumeTrue(Files.isReadable(RANGE), "Linux only");
    int low;
    // Read here on its own, not through PortReservation: its reading of this file is what the test guards.
    try (InputStream in = Files.newInputStream(RANGE)) {
      low = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+")[0]);
    }
    assumeTrue(low > 20_100, "an ephemeral range that leaves room below it");
    for (int i = 0; i < 50; i++) {
      try (PortReservation reservation = new PortReservation()) {
        assertThat(reservation.pick()).isBetween(20_000, low - 1);
      }
    }
  }
}
