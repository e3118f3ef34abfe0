package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireInRange;
import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.messageid.spi.ReplayStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The current session epoch of every (account, device).
 *
 * <p><b>Epochs.</b> {@link #startEpoch} gives a device a new epoch: call it when the device
 * registers, when its session is reset, and when a new physical device takes over the device number
 * (a device change). Messages must carry the epoch they were sent in; a {@link MessageGuard}
 * rejects older epochs ({@link MessageOutcome#STALE_EPOCH}) and epochs never issued ({@link
 * MessageOutcome#UNKNOWN_EPOCH}). Since replay state is kept per {@link ReplayScope} (account,
 * device, epoch), sequence numbers start afresh in every epoch.
 *
 * <p><b>Never reused.</b> Epochs come from one counter for the whole registry, so a device that is
 * removed and added again gets an epoch it never had, and no message from before the removal can
 * become valid again. The counter starts at {@link Builder#firstEpoch}: a host that restarts the
 * registry while old messages may still be in flight should start above every epoch it issued
 * before (for instance from a persisted high-water mark, or the current Unix time in ms).
 *
 * <p><b>Invalidation.</b> When an epoch ends ({@link #startEpoch} replaces it, {@link
 * #removeDevice} ends it), its scope is dropped from the configured {@link ReplayStore}.
 *
 * <p>This class is thread-safe; each method is atomic per (account, device).
 */
public final class SessionRegistry {
  private final ConcurrentHashMap<DeviceKey, Long> epochs = new ConcurrentHashMap<>();
  private final AtomicLong lastEpoch;
  private final @Nullable ReplayStore store;

  private SessionRegistry(Builder b) {
    this.lastEpoch = new AtomicLong(b.firstEpoch - 1);
    this.store = b.store;
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a new epoch for the device (registration, reset or device change) and returns it; the
   * previous epoch, if any, ends.
   *
   * @throws IllegalArgumentException if the account or device is out of the range of {@link
   *     ReplayScope}
   */
  @CanIgnoreReturnValue
  public long startEpoch(String account, int device) {
    DeviceKey key = DeviceKey.of(account, device);
    long[] ended = {0};
    long epoch =
        epochs.compute(
            key,
            (k, old) -> {
              ended[0] = old == null ? 0 : old;
              return lastEpoch.incrementAndGet();
            });
    endEpoch(account, device, ended[0]);
    return epoch;
  }

  /** Removes the device: its epoch ends and its messages are refused from now on. */
  @CanIgnoreReturnValue
  public boolean removeDevice(String account, int device) {
    Long old = epochs.remove(DeviceKey.of(account, device));
    if (old == null) {
      return false;
    }
    endEpoch(account, device, old);
    return true;
  }

  /** The device's current epoch, or 0 if it has none. */
  public long currentEpoch(String account, int device) {
    Long epoch = epochs.get(DeviceKey.of(account, device));
    return epoch == null ? 0 : epoch;
  }

  /** The scope of the device's current epoch, or null if it has none. */
  public @Nullable ReplayScope currentScope(String account, int device) {
    long epoch = currentEpoch(account, device);
    return epoch == 0 ? null : new ReplayScope(account, device, epoch);
  }

  private void endEpoch(String account, int device, long epoch) {
    if (epoch != 0 && store != null) {
      store.invalidate(new ReplayScope(account, device, epoch));
    }
  }

  @Override
  public String toString() {
    return "SessionRegistry[devices=" + epochs.size() + "]";
  }

  /** An (account, device) pair validated like a {@link ReplayScope}. */
  private record DeviceKey(String account, int device) {
    static DeviceKey of(String account, int device) {
      ReplayScope.checkAccountAndDevice(account, device);
      return new DeviceKey(account, device);
    }

    @Override
    public String toString() {
      return "DeviceKey[device=" + device + "]";
    }
  }

  /** Builds a {@link SessionRegistry}. */
  public static final class Builder {
    private long firstEpoch = 1;
    private @Nullable ReplayStore store;

    private Builder() {}

    /** Sets the first epoch issued, from 1 to 2<sup>62</sup>; 1 by default. */
    @CanIgnoreReturnValue
    public Builder firstEpoch(long first) {
      this.firstEpoch = requireInRange("firstEpoch", first, 1, 1L << 62);
      return this;
    }

    /** Sets the store whose scopes are dropped when their epoch ends; none by default. */
    @CanIgnoreReturnValue
    public Builder replayStore(ReplayStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** Returns the registry. */
    public SessionRegistry build() {
      return new SessionRegistry(this);
    }
  }
}
