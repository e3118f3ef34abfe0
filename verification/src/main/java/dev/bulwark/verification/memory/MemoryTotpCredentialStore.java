package dev.bulwark.verification.memory;

import static dev.bulwark.verification.internal.Checks.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.verification.internal.CaffeineTime;
import dev.bulwark.verification.spi.StoredTotpCredential;
import dev.bulwark.verification.spi.TotpCredentialStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link TotpCredentialStore}, on Caffeine: one immutable record per account,
 * changed inside Caffeine's atomic {@code compute}. An account with only a pending credential
 * expires with it (per-entry expiry); an account with active credentials is kept. Not durable: for
 * tests, demos and hosts that keep the real credentials elsewhere.
 *
 * <p>This class is thread-safe.
 */
public final class MemoryTotpCredentialStore implements TotpCredentialStore {
  private final InstantSource clock;
  private final Cache<String, Account> accounts;

  private record Account(@Nullable StoredTotpCredential pending, List<StoredTotpCredential> active) {}

  private MemoryTotpCredentialStore(Builder b) {
    this.clock = b.clock;
    this.accounts =
        Caffeine.newBuilder()
            .ticker(CaffeineTime.ticker(clock))
            .executor(Runnable::run)
            .expireAfter(new AccountExpiry())
            .build();
  }

  /** Returns a store on the system clock. */
  public static MemoryTotpCredentialStore create() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void putPending(String accountId, StoredTotpCredential credential) {
    requireNonNull(credential, "credential");
    accounts
        .asMap()
        .compute(accountId, (id, a) -> new Account(credential, a == null ? List.of() : a.active()));
  }

  @Override
  public @Nullable StoredTotpCredential pending(String accountId, String credentialId, long nowMillis) {
    Account a = accounts.getIfPresent(accountId);
    if (a == null || a.pending() == null) {
      return null;
    }
    StoredTotpCredential p = a.pending();
    return p.credentialId().equals(credentialId) && nowMillis < p.pendingUntilMillis() ? p : null;
  }

  @Override
  public Activation activate(String accountId, String credentialId, int maxActive, long nowMillis) {
    Activation[] out = {Activation.NOT_FOUND};
    accounts
        .asMap()
        .computeIfPresent(
            accountId,
            (id, a) -> {
              StoredTotpCredential p = a.pending();
              if (p == null || !p.credentialId().equals(credentialId) || nowMillis >= p.pendingUntilMillis()) {
                return a;
              }
              if (a.active().size() >= maxActive) {
                out[0] = Activation.LIMIT_REACHED;
                return a;
              }
              List<StoredTotpCredential> active = new ArrayList<>(a.active());
              active.add(p.activated());
              out[0] = Activation.ACTIVATED;
              return new Account(null, List.copyOf(active));
            });
    return out[0];
  }

  @Override
  public List<StoredTotpCredential> active(String accountId) {
    Account a = accounts.getIfPresent(accountId);
    return a == null ? List.of() : a.active();
  }

  @Override
  public boolean remove(String accountId, String credentialId) {
    boolean[] removed = {false};
    accounts
        .asMap()
        .computeIfPresent(
            accountId,
            (id, a) -> {
              StoredTotpCredential p = a.pending();
              if (p != null && p.credentialId().equals(credentialId)) {
                removed[0] = true;
                p = null;
              }
              List<StoredTotpCredential> active = new ArrayList<>();
              for (StoredTotpCredential c : a.active()) {
                if (c.credentialId().equals(credentialId)) {
                  removed[0] = true;
                } else {
                  active.add(c);
                }
              }
              return p == null && active.isEmpty() ? null : new Account(p, List.copyOf(active));
            });
    return removed[0];
  }

  /** Accounts with active credentials stay; the rest expire with their pending credential. */
  private final class AccountExpiry implements Expiry<String, Account> {
    private long remaining(Account a) {
      if (!a.active().isEmpty() || a.pending() == null) {
        return Long.MAX_VALUE;
      }
      return CaffeineTime.nanosUntil(a.pending().pendingUntilMillis(), clock);
    }

    @Override
    public long expireAfterCreate(String key, Account value, long currentTime) {
      return remaining(value);
    }

    @Override
    public long expireAfterUpdate(String key, Account value, long currentTime, long currentDuration) {
      return remaining(value);
    }

    @Override
    public long expireAfterRead(String key, Account value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

  /** Builds a {@link MemoryTotpCredentialStore}. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();

    private Builder() {}

    /** Sets the clock for the expiry of pending credentials; the system clock by default. */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Returns the store. */
    public MemoryTotpCredentialStore build() {
      return new MemoryTotpCredentialStore(this);
    }
  }
}
