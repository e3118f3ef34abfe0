/**
 * Bulwark rate limiting: exact GCRA limiters over normalized keys, named policies, a registry with
 * presets, a server-wide limiter, the {@code RateLimitStore} SPI and its in-memory default.
 */
module dev.bulwark.ratelimit {
  requires com.github.benmanes.caffeine;
  requires com.fasterxml.jackson.jr.ob;
  requires java.net.http;
  requires static org.jspecify;
  requires static com.google.errorprone.annotations;

  exports dev.bulwark.ratelimit;
  exports dev.bulwark.ratelimit.challenge;
  exports dev.bulwark.ratelimit.lockout;
  exports dev.bulwark.ratelimit.spi;
  exports dev.bulwark.ratelimit.memory;
  exports dev.bulwark.ratelimit.abuse;
  exports dev.bulwark.ratelimit.concurrency;
}
