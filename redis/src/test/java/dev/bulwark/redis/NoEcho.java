package dev.bulwark.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The fuzz tests' check that an error about a record read from Redis does not repeat the record: no
 * message in the exception's cause chain holds the input as text (Latin-1 or UTF-8) or as hex.
 * Inputs under four bytes are not checked, since a message may hold them by chance.
 */
public final class NoEcho {
  private NoEcho() {}

  /** Fails unless no message in {@code error}'s cause chain holds {@code input}. */
  public static void assertNoEcho(Throwable error, byte[] input) {
    if (input.length < 4) {
      return;
    }
    String latin1 = new String(input, StandardCharsets.ISO_8859_1);
    String utf8 = new String(input, StandardCharsets.UTF_8);
    String hex = HexFormat.of().formatHex(input);
    for (Throwable t = error; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null) {
        assertThat(message).doesNotContain(latin1).doesNotContain(utf8);
        assertThat(message.toLowerCase(java.util.Locale.ROOT)).doesNotContain(hex);
      }
    }
  }
}
