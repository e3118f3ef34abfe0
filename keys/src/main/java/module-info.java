/**
 * Bulwark keys: server key rings with rotation, revocation and irreversible destruction, material
 * wrapped by a master key; a client public-key directory with verified signed prekeys and take-once
 * one-time prekeys; the storage SPIs behind both and their in-memory defaults.
 */
module dev.bulwark.keys {
  requires org.bouncycastle.provider;
  requires static org.jspecify;
  requires static com.google.errorprone.annotations;

  exports dev.bulwark.keys;
  exports dev.bulwark.keys.spi;
  exports dev.bulwark.keys.memory;
}
