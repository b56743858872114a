package io.github.kswordcount.localkafka;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * Another service on the port a user gives as Kafka's: an HTTP server on 127.0.0.1 that accepts the connection
 * and answers every request with 400, as a web server does to Kafka's binary protocol.
 *
 * <pre>
 * try (NotKafka http = NotKafka.start()) {
 *   run("--bootstrap-server", http.address(), ...);
 * }
 * </pre>
 */
public final class NotKafka implements AutoCloseable {
  private final HttpServer http;

  private NotKafka(HttpServer http) {
    this.http = http;
  }

  /**
   * Starts the server on a free port.
   *
   * @return the running server
   */
  public static NotKafka start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext("/", exchange -> {
        exchange.sendResponseHeaders(400, -1);
        exchange.close();
      });
      http.start();
      return new NotKafka(http);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where it listens.
   *
   * @return {@code 127.0.0.1:PORT}
   */
  public String address() {
    return "127.0.0.1:" + http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
