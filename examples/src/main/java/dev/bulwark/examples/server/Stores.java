package dev.bulwark.examples.server;

import dev.bulwark.groups.memory.MemoryGroupStore;
import dev.bulwark.groups.spi.GroupStore;
import dev.bulwark.keys.memory.MemoryPublicKeyStore;
import dev.bulwark.keys.spi.PublicKeyStore;
import dev.bulwark.messageid.memory.MemoryReplayStore;
import dev.bulwark.messageid.spi.ReplayStore;
import dev.bulwark.ratelimit.memory.MemoryChallengeStore;
import dev.bulwark.ratelimit.memory.MemoryLockoutStore;
import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import dev.bulwark.ratelimit.spi.ChallengeStore;
import dev.bulwark.ratelimit.spi.LockoutStore;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.messageid.RedisReplayStore;
import dev.bulwark.redis.ratelimit.RedisChallengeStore;
import dev.bulwark.redis.ratelimit.RedisLockoutStore;
import dev.bulwark.redis.ratelimit.RedisRateLimitStore;
import dev.bulwark.redis.storage.RedisBlobStore;
import dev.bulwark.redis.storage.RedisWrappedKeyStore;
import dev.bulwark.redis.verification.RedisCodeStore;
import dev.bulwark.redis.verification.RedisOtpReplayStore;
import dev.bulwark.redis.verification.RedisTotpCredentialStore;
import dev.bulwark.storage.memory.MemoryBlobStore;
import dev.bulwark.storage.memory.MemoryWrappedKeyStore;
import dev.bulwark.storage.spi.BlobEntry;
import dev.bulwark.storage.spi.BlobStore;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.WrappedKeyStore;
import dev.bulwark.verification.memory.MemoryCodeStore;
import dev.bulwark.verification.memory.MemoryOtpReplayStore;
import dev.bulwark.verification.memory.MemoryTotpCredentialStore;
import dev.bulwark.verification.spi.CodeStore;
import dev.bulwark.verification.spi.OtpReplayStore;
import dev.bulwark.verification.spi.TotpCredentialStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Every store the server's modules keep state in, built in one place. This is the seam a deployment
 * swaps: the modules see only these SPI types, so another backend is one more factory method:
 * {@link #inMemory} (Caffeine) and {@link #redis} (the {@code bulwark-redis} stores on one {@link
 * RedisBackend}). (Accounts are the host's own data, kept by {@link Accounts}; group changes are
 * verified against their identity keys.)
 *
 * @param rateLimits GCRA state of every rate-limit policy, and of the lockout guard's lifts
 * @param lockouts failure counters and locks of the registration-lock guard
 * @param challenges the single-use ledger of challenge tokens
 * @param codes verification sessions and their hashed codes
 * @param totpCredentials sealed TOTP secrets
 * @param otpReplays TOTP steps already used
 * @param messageReplays replay windows and seen IDs of message sessions
 * @param messageBlobs sealed queued messages
 * @param messageKeys wrapped per-recipient data keys of the message queue
 * @param publicKeys identity keys and prekeys
 * @param groups group states, change logs and key packages, with the direct write access of an
 *     insider ({@link DirectWriteGroupStore})
 * @param messageQueueCopier how an insider with access to the storage copies {@code messageBlobs}
 *     and {@code messageKeys} (for the stolen-dump scenario; the server never calls it)
 */
public record Stores(
    RateLimitStore rateLimits,
    LockoutStore lockouts,
    ChallengeStore challenges,
    CodeStore codes,
    TotpCredentialStore totpCredentials,
    OtpReplayStore otpReplays,
    ReplayStore messageReplays,
    BlobStore messageBlobs,
    WrappedKeyStore messageKeys,
    PublicKeyStore publicKeys,
    GroupStore groups,
    CopiedQueue.Copier messageQueueCopier) {

  /** The in-memory (Caffeine) stores of every module, all reading {@code clock}. */
  public static Stores inMemory(DemoClock clock) {
    MemoryBlobStore blobs = new MemoryBlobStore();
    MemoryWrappedKeyStore keys = new MemoryWrappedKeyStore();
    return new Stores(
        MemoryRateLimitStore.builder().ticker(clock.ticker()).build(),
        MemoryLockoutStore.create(clock.ticker()),
        MemoryChallengeStore.create(clock.ticker(), MemoryChallengeStore.DEFAULT_MAXIMUM_ENTRIES),
        MemoryCodeStore.builder().clock(clock).build(),
        MemoryTotpCredentialStore.builder().clock(clock).build(),
        MemoryOtpReplayStore.builder().clock(clock).build(),
        MemoryReplayStore.builder().clock(clock).build(),
        blobs,
        keys,
        new MemoryPublicKeyStore(),
        new DirectWriteGroupStore(MemoryGroupStore.create()),
        () -> copy(blobs, keys));
  }

  private static CopiedQueue copy(MemoryBlobStore blobs, MemoryWrappedKeyStore keys) {
    MemoryBlobStore copiedBlobs = blobs.snapshot();
    MemoryWrappedKeyStore copiedKeys = keys.snapshot();
    List<byte[]> raw = new ArrayList<>();
    for (RecipientRef ref : copiedBlobs.references()) {
      for (BlobEntry e : copiedBlobs.list(ref, 0, Integer.MAX_VALUE)) {
        raw.add(e.blob());
      }
    }
    return new CopiedQueue(copiedBlobs, copiedKeys, raw, () -> {});
  }

  /**
   * The Redis store of every module store that {@code bulwark-redis} implements, all on {@code
   * redis}, and the in-memory store of the others: public keys and groups (the redis module has no
   * store for the keys and groups modules). Every Redis store that reads time is given {@code
   * clock}, instead of the Redis server's {@code TIME}, so the simulated clock still drives every
   * decision. The caller owns {@code redis} and closes it after the server.
   *
   * <p>Redis still expires keys by its own clock, after times to live counted on the demo's clock
   * (the rate-limit store adds a minute). The simulated clock runs ahead of real time, and stands
   * still only for the seconds a scenario's requests take, so no key vanishes while a decision
   * still needs it.
   */
  static Stores redis(RedisBackend redis, DemoClock clock, CopiedQueue.Copier messageQueueCopier) {
    return new Stores(
        RedisRateLimitStore.builder(redis).callerTicker(clock.ticker()).build(),
        RedisLockoutStore.builder(redis).clock(clock).build(),
        // Its entries carry a time to live that Redis expires by its own clock; validity is decided
        // by ChallengeTokens on the demo's clock, so it needs no clock of its own.
        RedisChallengeStore.create(redis),
        RedisCodeStore.builder(redis).clock(clock).build(),
        RedisTotpCredentialStore.builder(redis).clock(clock).build(),
        RedisOtpReplayStore.builder(redis).clock(clock).build(),
        // A fleet shares one scope hash key from its secret store; the demo runs one server.
        RedisReplayStore.builder(redis).scopeHashKey(randomKey()).clock(clock).build(),
        // Expiry is decided by the EphemeralStore's clock, which is the demo's.
        RedisBlobStore.create(redis),
        RedisWrappedKeyStore.create(redis),
        new MemoryPublicKeyStore(),
        new DirectWriteGroupStore(MemoryGroupStore.create()),
        messageQueueCopier);
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
