/**
 * Bulwark encrypted ephemeral storage: an AEAD-sealed store of undelivered records with envelope
 * data keys per recipient, crypto-shredding, retention and access control, the storage SPIs behind
 * it and their in-memory defaults.
 */
module dev.bulwark.storage {
  requires transitive com.google.crypto.tink;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  requires static org.jspecify;
  requires static com.google.errorprone.annotations;

  exports dev.bulwark.storage;
  exports dev.bulwark.storage.spi;
  exports dev.bulwark.storage.memory;
}
