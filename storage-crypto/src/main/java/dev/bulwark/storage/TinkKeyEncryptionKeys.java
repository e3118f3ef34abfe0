package dev.bulwark.storage;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AesGcmParameters;
import dev.bulwark.storage.internal.Checks;
import dev.bulwark.storage.internal.TinkInit;
import dev.bulwark.storage.spi.KeyEncryptionKeyProvider;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The default {@link KeyEncryptionKeyProvider}: a Tink keyset of AES-256-GCM keys. {@link #rotate}
 * adds a key and makes it primary (new wraps use it; old wraps still unwrap); after {@link
 * EphemeralStore#rewrap} has moved every data key, {@link #retire} deletes the old key. Key IDs are
 * Tink's key IDs in decimal.
 *
 * <p>The keyset itself must be kept safe by the host (encrypted by a KMS, or in an HSM): {@link
 * #keysetHandle()} hands it out for that. Thread-safe; rotation and retirement are atomic.
 */
public final class TinkKeyEncryptionKeys implements KeyEncryptionKeyProvider {
  private static final AesGcmParameters PARAMETERS;

  static {
    TinkInit.ensure();
    try {
      PARAMETERS =
          AesGcmParameters.builder()
              .setKeySizeBytes(32)
              .setIvSizeBytes(12)
              .setTagSizeBytes(16)
              .setVariant(AesGcmParameters.Variant.TINK)
              .build();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private record State(KeysetHandle handle, Aead aead, int primaryId) {}

  private final AtomicReference<State> state;

  private TinkKeyEncryptionKeys(KeysetHandle handle) throws GeneralSecurityException {
    this.state = new AtomicReference<>(stateOf(handle));
  }

  private static State stateOf(KeysetHandle handle) throws GeneralSecurityException {
    return new State(
        handle,
        handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
        handle.getPrimary().getId());
  }

  /** A new keyset with one fresh AES-256-GCM key. */
  public static TinkKeyEncryptionKeys generate() {
    try {
      return new TinkKeyEncryptionKeys(KeysetHandle.generateNew(PARAMETERS));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a key-encryption key", e);
    }
  }

  /**
   * Uses an existing keyset of AEAD keys with Tink-prefixed output.
   *
   * @throws IllegalArgumentException if the keyset does not give an AEAD
   */
  public static TinkKeyEncryptionKeys of(KeysetHandle handle) {
    Checks.requireNonNull(handle, "handle");
    try {
      return new TinkKeyEncryptionKeys(handle);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("keyset must hold AEAD keys", e);
    }
  }

  /** The current keyset, for the host to persist (encrypted). */
  public KeysetHandle keysetHandle() {
    return state.get().handle();
  }

  /** The IDs of the keys in the keyset, primary included. */
  public List<String> keyIds() {
    KeysetHandle handle = state.get().handle();
    List<String> ids = new ArrayList<>(handle.size());
    for (int i = 0; i < handle.size(); i++) {
      ids.add(Integer.toUnsignedString(handle.getAt(i).getId()));
    }
    return ids;
  }

  /**
   * Adds a fresh key and makes it primary.
   *
   * @return the new primary's ID
   */
  public synchronized String rotate() {
    try {
      KeysetHandle next =
          KeysetHandle.newBuilder(state.get().handle())
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PARAMETERS).withRandomId().makePrimary())
              .build();
      state.set(stateOf(next));
      return primaryKeyId();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot rotate the key-encryption key", e);
    }
  }

  /**
   * Deletes a non-primary key: data keys still wrapped by it become unreadable, so call {@link
   * EphemeralStore#rewrap} first.
   *
   * @throws IllegalArgumentException if no such key exists or it is the primary
   */
  public synchronized void retire(String kekId) {
    Checks.requireNonNull(kekId, "kekId");
    int id = parseId(kekId);
    State current = state.get();
    Checks.requireArgument(id != current.primaryId(), "the primary key cannot be retired");
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(current.handle());
    for (int i = 0; i < current.handle().size(); i++) {
      if (current.handle().getAt(i).getId() == id) {
        builder.deleteAt(i);
        try {
          state.set(stateOf(builder.build()));
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot retire the key-encryption key", e);
        }
        return;
      }
    }
    throw new IllegalArgumentException("no key-encryption key with that id");
  }

  private static int parseId(String kekId) {
    try {
      return Integer.parseUnsignedInt(kekId);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("key-encryption key id must be an unsigned integer");
    }
  }

  @Override
  public String primaryKeyId() {
    return Integer.toUnsignedString(state.get().primaryId());
  }

  @Override
  public Wrapped wrap(byte[] plaintextKey, byte[] associatedData) throws GeneralSecurityException {
    State s = state.get();
    return new Wrapped(
        Integer.toUnsignedString(s.primaryId()), s.aead().encrypt(plaintextKey, associatedData));
  }

  @Override
  public byte[] unwrap(String kekId, byte[] ciphertext, byte[] associatedData)
      throws GeneralSecurityException {
    int id;
    try {
      id = Integer.parseUnsignedInt(kekId);
    } catch (NumberFormatException e) {
      throw new GeneralSecurityException("unknown key-encryption key");
    }
    State s = state.get();
    if (!isEnabled(s.handle(), id)
        || ciphertext.length < 5
        || ciphertext[0] != 0x01
        || ((ciphertext[1] & 0xff) << 24
                | (ciphertext[2] & 0xff) << 16
                | (ciphertext[3] & 0xff) << 8
                | (ciphertext[4] & 0xff))
            != id) {
      throw new GeneralSecurityException("unknown key-encryption key");
    }
    return s.aead().decrypt(ciphertext, associatedData);
  }

  private static boolean isEnabled(KeysetHandle handle, int id) {
    for (int i = 0; i < handle.size(); i++) {
      KeysetHandle.Entry entry = handle.getAt(i);
      if (entry.getId() == id) {
        return entry.getStatus() == KeyStatus.ENABLED;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "TinkKeyEncryptionKeys[keys=" + state.get().handle().size() + "]";
  }
}
