package dev.bulwark.testkit.redis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A minimal, blocking RESP2 client for test administration (PING, INFO, FLUSHALL, CLUSTER INFO), so
 * the testkit needs no Redis client library. Not for production use and not thread-safe.
 */
final class RespConnection implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RespConnection(int port, int timeoutMillis) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
    socket.setSoTimeout(timeoutMillis);
    in = new BufferedInputStream(socket.getInputStream());
    out = new BufferedOutputStream(socket.getOutputStream());
  }

  /**
   * Sends one command and reads its reply: a {@code String} for simple and bulk strings, a {@code
   * Long} for integers, a {@code List<Object>} for arrays, {@code null} for nil.
   *
   * @throws RedisReplyException if the server answers with an error
   */
  @Nullable Object command(String... words) throws IOException {
    out.write(('*' + Integer.toString(words.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String word : words) {
      byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
      out.write(
          ('$' + Integer.toString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write('\r');
      out.write('\n');
    }
    out.flush();
    return readReply();
  }

  private @Nullable Object readReply() throws IOException {
    int type = in.read();
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new RedisReplyException(line);
      case ':':
        return Long.parseLong(line);
      case '$':
        {
          int length = Integer.parseInt(line);
          if (length < 0) {
            return null;
          }
          byte[] bytes = in.readNBytes(length + 2);
          return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
      case '*':
        {
          int count = Integer.parseInt(line);
          if (count < 0) {
            return null;
          }
          List<@Nullable Object> items = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            items.add(readReply());
          }
          return items;
        }
      case -1:
        throw new IOException("connection closed by the server");
      default:
        throw new IOException("unexpected RESP type byte " + type);
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != '\r') {
      if (b == -1) {
        throw new IOException("connection closed by the server");
      }
      line.append((char) b);
    }
    if (in.read() != '\n') {
      throw new IOException("malformed RESP line ending");
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** An error reply from the server ({@code -ERR ...}). */
  static final class RedisReplyException extends IOException {
    private static final long serialVersionUID = 1L;

    RedisReplyException(String message) {
      super(message);
    }
  }
}
