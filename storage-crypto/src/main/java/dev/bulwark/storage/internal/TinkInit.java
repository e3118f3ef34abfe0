package dev.bulwark.storage.internal;

import com.google.crypto.tink.aead.AeadConfig;
import java.security.GeneralSecurityException;

/** Registers Tink's AEAD key managers once. */
public final class TinkInit {
  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private TinkInit() {}

  /** Ensures registration has happened (it runs when this class is first used). */
  public static void ensure() {}
}
