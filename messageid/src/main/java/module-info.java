/**
 * Bulwark message IDs: UUIDv7 server IDs, strict client-ID validation, RFC 6479 replay windows,
 * bounded dedup of random IDs, monotonic server timestamps, session epochs, the one-call {@code
 * MessageGuard}, the {@code ReplayStore} SPI and its in-memory default.
 */
module dev.bulwark.messageid {
  requires com.github.benmanes.caffeine;
  requires static org.jspecify;
  requires static com.google.errorprone.annotations;

  exports dev.bulwark.messageid;
  exports dev.bulwark.messageid.spi;
  exports dev.bulwark.messageid.memory;
}
