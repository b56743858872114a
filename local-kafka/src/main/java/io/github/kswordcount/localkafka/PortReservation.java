package io.github.kswordcount.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Chooses ports on 127.0.0.1 for the nodes.
 *
 * <p>Kafka cannot report the port it bound to, so ports are chosen before the nodes start. Every port
 * checked or picked here stays bound until {@link #close()}, so one reservation never hands out the same
 * port twice; the short window between close and Kafka's bind is accepted.
 */
final class PortReservation implements AutoCloseable {
  /** The only address the nodes listen on. */
  static final String HOST = "127.0.0.1";

  private static final InetAddress LOOPBACK = loopback();
  /** Where picked ports start: above the well-known services most machines run. */
  private static final int PICK_FROM = 20000;
  private static final int EPHEMERAL_LOW = ephemeralLow();
  private static final Random RANDOM = new Random();

  private final List<ServerSocket> held = new ArrayList<>();

  /** Holds {@code port} and returns it, or fails with a message naming it when something else has it. */
  int require(int port) {
    ServerSocket socket = tryBind(port);
    if (socket == null) {
      throw new LocalKafkaException(String.format(Locale.ROOT,
          "port %d on %s is already in use", port, HOST));
    }
    held.add(socket);
    return port;
  }

  /** Holds {@code port} and returns it when it is free, else picks and holds a free port. */
  int preferOrPick(int port) {
    ServerSocket socket = port == 0 ? null : tryBind(port);
    if (socket == null) {
      return pick();
    }
    held.add(socket);
    return port;
  }

  /**
   * Picks and holds a free port below the system's ephemeral range when it can. A node restarts on its ports
   * (its clients keep their addresses), and a port in the ephemeral range may be taken meanwhile as the local port
   * of any process's outgoing connection: seen with two test JVMs at once, a 3-node restart found "port 45615 on
   * 127.0.0.1 is already in use". Falls back to a port the system picks.
   */
  int pick() {
    int below = EPHEMERAL_LOW;
    for (int attempt = 0; attempt < 64 && below > PICK_FROM + 1; attempt++) {
      int port = PICK_FROM + RANDOM.nextInt(below - PICK_FROM);
      ServerSocket socket = tryBind(port);
      if (socket != null) {
        held.add(socket);
        return port;
      }
    }
    ServerSocket socket = tryBind(0);
    if (socket == null) {
      throw new LocalKafkaException("no free port on " + HOST);
    }
    held.add(socket);
    return socket.getLocalPort();
  }

  /**
   * The lowest port the system hands out for outgoing connections (Linux), else the IANA range's start. Read as a
   * stream to its end: the file reports a size of 0, and {@code Files.readString} read "3" of "32768 60999" here,
   * so every port was the system's pick, in that range.
   */
  private static int ephemeralLow() {
    try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      String range = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      return Integer.parseInt(range.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 49152;
    }
  }

  @Override
  public void close() {
    for (ServerSocket socket : held) {
      try {
        socket.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    held.clear();
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ServerSocket tryBind(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      // Kafka's acceptor binds with SO_REUSEADDR too: a port left in TIME_WAIT counts as free.
      socket.setReuseAddress(true);
      try {
        socket.bind(new InetSocketAddress(LOOPBACK, port));
        return socket;
      } catch (IOException e) {
        socket.close();
        return null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
