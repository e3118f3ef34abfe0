package dev.bulwark.errors;

import dev.bulwark.errors.internal.Checks;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Where a {@link PublicResponse} is written: the host's response object, whatever its framework.
 * {@link PublicResponse#writeTo} calls {@link #status} once, then {@link #header} for every header,
 * then {@link #body} once.
 *
 * <p>Adapters are one line, for example {@code ResponseSink.of(servletResponse::setStatus,
 * servletResponse::setHeader, bytes -> servletResponse.getOutputStream().write(bytes))} (wrapping
 * the checked exception), or for the JDK server {@code exchange.getResponseHeaders()::set} for
 * headers and {@code sendResponseHeaders} plus the body stream for the rest.
 */
public interface ResponseSink {

  /** Sets the status code. */
  void status(int status);

  /** Sets one header. */
  void header(String name, String value);

  /** Writes the body. */
  void body(byte[] body);

  /** Returns a sink made of three callbacks. */
  static ResponseSink of(
      IntConsumer status, BiConsumer<String, String> header, Consumer<byte[]> body) {
    Checks.requireNonNull(status, "status");
    Checks.requireNonNull(header, "header");
    Checks.requireNonNull(body, "body");
    return new ResponseSink() {
      @Override
      public void status(int code) {
        status.accept(code);
      }

      @Override
      public void header(String name, String value) {
        header.accept(name, value);
      }

      @Override
      public void body(byte[] bytes) {
        body.accept(bytes);
      }
    };
  }
}
