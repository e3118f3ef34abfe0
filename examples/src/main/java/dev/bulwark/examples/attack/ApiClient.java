package dev.bulwark.examples.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.bulwark.examples.server.DemoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The simulation's HTTP client (JDK {@link HttpClient}) for the demo server on 127.0.0.1. Every
 * request says which address it stands for ({@link DemoServer#CLIENT_ADDRESS_HEADER}).
 */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A response: status, JSON body (missing if none) and the raw body. */
  public record Response(int status, JsonNode json, byte[] body, HttpResponse<byte[]> raw) {
    /** Whether the status is 200. */
    public boolean ok() {
      return status == 200;
    }

    /** A text field of the body. */
    public String text(String field) {
      return json.path(field).asText();
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Runnable::run) // no hand-off between threads per response: faster on loopback
          .build();
  private final String base;

  /** A client of the server listening on {@code port}. */
  public ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Sends a request with an optional JSON body and bearer token, from {@code address}. */
  public Response call(
      String method, String path, @Nullable Object body, @Nullable String token, String address) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .header(DemoServer.CLIENT_ADDRESS_HEADER, address)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      byte[] bytes = response.body();
      JsonNode json = bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
      return new Response(response.statusCode(), json, bytes, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
