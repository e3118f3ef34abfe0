package dev.bulwark.examples.server;

import dev.bulwark.errors.InternalReason;
import dev.bulwark.errors.OpaqueErrors;
import dev.bulwark.errors.OutcomeTable;
import dev.bulwark.errors.Surface;
import dev.bulwark.errors.TimingEqualizer;
import dev.bulwark.groups.GroupServer;
import dev.bulwark.groups.SigningKey;
import dev.bulwark.groups.spi.MemberKeyDirectory;
import dev.bulwark.keys.KeyDirectory;
import dev.bulwark.messageid.MessageGuard;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.ServerClock;
import dev.bulwark.messageid.SessionRegistry;
import dev.bulwark.ratelimit.GlobalRateLimiter;
import dev.bulwark.ratelimit.PolicyPresets;
import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.RateLimiterRegistry;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.challenge.ChallengeTokens;
import dev.bulwark.ratelimit.challenge.ProofOfWork;
import dev.bulwark.ratelimit.lockout.LockoutGuard;
import dev.bulwark.storage.EphemeralStore;
import dev.bulwark.storage.TinkKeyEncryptionKeys;
import dev.bulwark.storage.spi.BlobStore;
import dev.bulwark.storage.spi.KeyEncryptionKeyProvider;
import dev.bulwark.storage.spi.WrappedKeyStore;
import dev.bulwark.verification.OneTimeCodes;
import dev.bulwark.verification.TotpCredentials;
import dev.bulwark.verification.TotpVerifier;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Every Bulwark object the server uses, built from the {@link Stores} and one {@link DemoClock}.
 * The rate-limit table is here: what is limited, by which key, how much.
 */
public final class Protections {
  /** The API's surfaces: which outcome table answers each endpoint's failures. */
  public static final Surface API = Surface.of("api", false, true);

  /** Group operations: enumeration-sensitive, since outsiders must not learn a group exists. */
  public static final Surface GROUPS = Surface.of("groups", true, false);

  final RateLimiterRegistry limits;
  final GlobalRateLimiter global;
  final LockoutGuard lockouts;
  final ProofOfWork proofOfWork;
  final OneTimeCodes codes;
  final TotpCredentials totp;
  final OpaqueErrors errors;
  final TimingEqualizer equalizer;
  final SessionRegistry sessions;
  final MessageGuard messages;
  final EphemeralStore queue;
  private final byte[] recipientHashKey;
  private final DemoClock clock;
  private final SecureRandom random;
  final KeyDirectory keys;
  final GroupServer groups;

  Protections(
      Stores stores,
      MemberKeyDirectory memberKeys,
      DemoClock clock,
      Settings settings,
      SecureRandom random) {
    this.limits =
        RateLimiterRegistry.builder()
            .store(stores.rateLimits())
            .policies(PolicyPresets.all())
            .policy(RatePolicy.of("ip", RateLimit.of(50, Duration.ofMillis(20))))
            .policy(RatePolicy.of("sender", RateLimit.of(100, Duration.ofMillis(50))))
            .policy(RatePolicy.of("group-changes", RateLimit.of(20, Duration.ofSeconds(1))))
            .properties(settings.rateLimits())
            .build();
    this.global = GlobalRateLimiter.of(RateLimit.perSecond(1_000), clock.ticker());
    this.lockouts =
        LockoutGuard.builder()
            .store(stores.lockouts())
            .liftStore(stores.rateLimits())
            .ticker(clock.ticker())
            .build();
    this.proofOfWork =
        ProofOfWork.builder(
                ChallengeTokens.builder(secret(random))
                    .clock(clock)
                    .store(stores.challenges())
                    .random(random)
                    .build())
            .baseDifficulty(settings.proofOfWorkBits())
            .maxDifficulty(settings.proofOfWorkBits())
            .build();
    this.codes =
        OneTimeCodes.builder()
            .pepper(secret(random))
            .store(stores.codes())
            .clock(clock)
            .random(random)
            .build();
    this.totp =
        TotpCredentials.builder()
            .issuer("Bulwark Demo")
            .protectionKey(secret(random))
            .store(stores.totpCredentials())
            .verifier(TotpVerifier.builder().clock(clock).replayStore(stores.otpReplays()).build())
            .random(random)
            .build();
    OpaqueErrors.Builder tables = OpaqueErrors.builder().random(random);
    for (Surface s :
        new Surface[] {
          Surface.VERIFICATION, Surface.REGISTRATION, Surface.KEY_FETCH, API, GROUPS
        }) {
      tables.table(OutcomeTable.defaults(s));
    }
    this.errors = tables.build();
    this.equalizer = TimingEqualizer.builder().fixedFloor(settings.responseFloor()).build();
    this.sessions = SessionRegistry.builder().replayStore(stores.messageReplays()).build();
    this.messages =
        MessageGuard.builder()
            .policy(ReplayPolicy.defaults())
            .store(stores.messageReplays())
            .sessions(sessions)
            .serverClock(ServerClock.builder().clock(clock).build())
            .build();
    this.clock = clock;
    this.random = random;
    this.recipientHashKey = secret(random);
    this.queue =
        messageStoreOver(
            stores.messageBlobs(), stores.messageKeys(), TinkKeyEncryptionKeys.generate());
    this.keys = KeyDirectory.builder().store(stores.publicKeys()).clock(clock).build();
    RateLimiter groupChanges = limits.limiter("group-changes");
    this.groups =
        GroupServer.builder(stores.groups(), memberKeys, SigningKey.generate(random))
            .guard(
                (group, actor, operation) -> groupChanges.tryAcquire(RateLimitKey.account(actor)))
            .build();
  }

  /** The encrypted message queue over {@code blobs} and {@code keys}, wrapped by {@code kek}. */
  EphemeralStore messageStoreOver(
      BlobStore blobs, WrappedKeyStore keys, KeyEncryptionKeyProvider kek) {
    return EphemeralStore.builder()
        .namespace("message-queue")
        .recipientHashKey(recipientHashKey)
        .keyEncryptionKeys(kek)
        .blobStore(blobs)
        .wrappedKeyStore(keys)
        .clock(clock)
        .random(random)
        .build();
  }

  /** Takes one permit of {@code policy} for {@code key}, or ends the call with a 429. */
  void limit(String policy, RateLimitKey key, Surface surface) {
    RateLimitDecision d = limits.limiter(policy).tryAcquire(key, 1);
    if (!d.isAllowed()) {
      throw tooMany(surface, d.retryAfter(), policy);
    }
  }

  /** The opaque answer for a failure; the reason and context go to the log line only. */
  Reply.Refused refuse(Surface surface, InternalReason reason, String context) {
    return Reply.of(errors.respond(surface, reason, context)).refuse();
  }

  /** The opaque answer for a rate-limited call. */
  Reply.Refused tooMany(Surface surface, Duration retryAfter, String context) {
    return Reply.of(errors.rateLimited(surface, retryAfter, context)).refuse();
  }

  private static byte[] secret(SecureRandom random) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return secret;
  }
}
