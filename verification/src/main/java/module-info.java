/**
 * Bulwark verification: one-time codes for SMS, e-mail and voice, TOTP and HOTP with replay
 * protection and enrollment, recovery codes, the storage SPIs behind them and their in-memory
 * defaults.
 */
module dev.bulwark.verification {
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  requires static org.jspecify;
  requires static com.google.errorprone.annotations;

  exports dev.bulwark.verification;
  exports dev.bulwark.verification.spi;
  exports dev.bulwark.verification.memory;
}
