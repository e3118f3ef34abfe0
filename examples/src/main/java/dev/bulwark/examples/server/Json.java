package dev.bulwark.examples.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import org.jspecify.annotations.Nullable;

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
   * Decodes {@code bytes} as {@code type}; a record's fields are required unless {@code @Nullable}.
   *
   * @throws IllegalArgumentException if they are not such a value (the message names no input)
   */
  public static <T> T read(byte[] bytes, Class<T> type) {
    T value;
    try {
      value = MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("body is not a valid " + type.getSimpleName());
    }
    if (value == null) {
      throw new IllegalArgumentException("empty body");
    }
    if (type.isRecord()) {
      for (RecordComponent field : type.getRecordComponents()) {
        if (!field.getAnnotatedType().isAnnotationPresent(Nullable.class)
            && get(field, value) == null) {
          throw new IllegalArgumentException("missing field " + field.getName());
        }
      }
    }
    return value;
  }

  private static @Nullable Object get(RecordComponent field, Object record) {
    try {
      return field.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
