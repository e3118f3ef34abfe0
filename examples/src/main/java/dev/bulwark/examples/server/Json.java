package dev.bulwark.examples.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON in and out (Jackson), strict about unknown fields. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private Json() {}

  /** Encodes {@code value}. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes {@code bytes} as {@code type}.
   *
   * @throws IllegalArgumentException if they are not such a value (the message names no input)
   */
  public static <T> T read(byte[] bytes, Class<T> type) {
    try {
      T value = MAPPER.readValue(bytes, type);
      if (value == null) {
        throw new IllegalArgumentException("empty body");
      }
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException("body is not a valid " + type.getSimpleName());
    }
  }
}
