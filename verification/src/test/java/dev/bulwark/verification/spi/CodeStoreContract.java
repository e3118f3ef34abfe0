package dev.bulwark.verification.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.bulwark.verification.CodeVerification;
import dev.bulwark.verification.CodeVerificationStatus;
import dev.bulwark.verification.OneTimeCodePolicy;
import dev.bulwark.verification.ResendStatus;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CodeStore}, run against every implementation: the in-memory store here,
 * the Redis store (standalone and Cluster) in {@code bulwark-redis}. A store must answer exactly as
 * {@link StoredCode}'s transitions do, each call one atomic step per session.
 */
public abstract class CodeStoreContract {
  /** A small policy, so that budgets, limits and cooldowns are reached in a few steps. */
  protected static final OneTimeCodePolicy POLICY = policyWithSendLimit(4);

  private static OneTimeCodePolicy policyWithSendLimit(int maxSends) {
    return OneTimeCodePolicy.builder()
        .maxAttempts(3)
        .maxSends(maxSends)
        .codeLifetime(Duration.ofMinutes(2))
        .initialResendCooldown(Duration.ofSeconds(30))
        .maxResendCooldown(Duration.ofMinutes(2))
        .sessionLifetime(Duration.ofMinutes(15))
        .build();
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The contract's clock; stores that read time themselves are built on it. */
  protected final StoreTestClock clock = new StoreTestClock();

  /** The store under test, made fresh (and empty) for each test. */
  protected CodeStore store;

  /** Returns an empty store that reads {@code clock} wherever it needs the time itself. */
  protected abstract CodeStore newStore(InstantSource clock);

  /**
   * Called after the contract's clock moved forward by {@code elapsed}: a store whose expiry runs
   * on another clock (a server's) makes the same time pass there.
   */
  protected void timePassed(Duration elapsed) {}

  @BeforeEach
  final void createStore() {
    store = newStore(clock);
  }

  private void passTime(Duration d) {
    clock.advance(d);
    timePassed(d);
  }

  protected static byte[] hash() {
    byte[] h = new byte[32];
    RANDOM.nextBytes(h);
    return h;
  }

  protected static String sessionId() {
    return UUID.randomUUID().toString();
  }

  /** A session created now, with the given hashes. */
  private String session(byte[] binding, byte[] code) {
    String id = sessionId();
    assertThat(store.create(id, StoredCode.first(binding, code, clock.millis(), POLICY))).isTrue();
    return id;
  }

  @Test
  void createRefusesATakenId() {
    String id = sessionId();
    long now = clock.millis();
    byte[] code = hash();
    assertThat(store.create(id, StoredCode.first(hash(), code, now, POLICY))).isTrue();
    assertThat(store.create(id, StoredCode.first(hash(), hash(), now, POLICY))).isFalse();
    assertThat(store.attempt(id, code, now).status())
        .as("the first session is untouched")
        .isEqualTo(CodeVerificationStatus.VERIFIED);
  }

  @Test
  void theRightCodeVerifiesOnceAndThenTheSessionIsNotFound() {
    byte[] code = hash();
    String id = session(hash(), code);
    long now = clock.millis() + 1_000;
    assertThat(store.attempt(id, code, now))
        .isEqualTo(
            CodeVerification.of(
                CodeVerificationStatus.VERIFIED, 0, Long.MIN_VALUE, Long.MIN_VALUE));
    assertThat(store.attempt(id, code, now)).isEqualTo(CodeVerification.notFound());
  }

  @Test
  void wrongCodesSpendTheBudgetAndThenEvenTheRightCodeIsRefused() {
    byte[] code = hash();
    String id = session(hash(), code);
    long now = clock.millis() + 1_000;
    long resendAt = clock.millis() + 30_000;
    assertThat(store.attempt(id, hash(), now))
        .isEqualTo(CodeVerification.of(CodeVerificationStatus.INVALID, 2, now, resendAt));
    assertThat(store.attempt(id, hash(), now))
        .isEqualTo(CodeVerification.of(CodeVerificationStatus.INVALID, 1, now, resendAt));
    assertThat(store.attempt(id, hash(), now))
        .isEqualTo(
            CodeVerification.of(
                CodeVerificationStatus.ATTEMPTS_EXHAUSTED, 0, Long.MIN_VALUE, resendAt));
    assertThat(store.attempt(id, code, now).status())
        .isEqualTo(CodeVerificationStatus.ATTEMPTS_EXHAUSTED);
  }

  @Test
  void anExpiredCodeCountsNothingAndAnExpiredSessionIsNotFound() {
    byte[] code = hash();
    String id = session(hash(), code);
    long codeEnd = clock.millis() + POLICY.codeLifetimeMillis();
    assertThat(store.attempt(id, code, codeEnd).status()).isEqualTo(CodeVerificationStatus.EXPIRED);
    assertThat(store.attempt(id, code, codeEnd - 1).status())
        .as("nothing was counted or consumed")
        .isEqualTo(CodeVerificationStatus.VERIFIED);
    String other = session(hash(), code);
    long sessionEnd = clock.millis() + POLICY.sessionLifetimeMillis();
    assertThat(store.attempt(other, code, sessionEnd)).isEqualTo(CodeVerification.notFound());
  }

  @Test
  void unknownSessionsAreNotFound() {
    assertThat(store.attempt(sessionId(), hash(), clock.millis()))
        .isEqualTo(CodeVerification.notFound());
    assertThat(store.resend(sessionId(), hash(), hash(), clock.millis(), POLICY))
        .isEqualTo(ResendOutcome.notFound());
    store.delete(sessionId());
  }

  @Test
  void aResendReplacesThePreviousCodeAfterTheCooldown() {
    byte[] binding = hash();
    byte[] first = hash();
    String id = session(binding, first);
    long start = clock.millis();
    byte[] second = hash();
    assertThat(store.resend(id, binding, second, start + 29_999, POLICY))
        .isEqualTo(new ResendOutcome(ResendStatus.COOLDOWN, Long.MIN_VALUE, start + 30_000));
    long now = start + 30_000;
    assertThat(store.resend(id, binding, second, now, POLICY))
        .isEqualTo(
            new ResendOutcome(ResendStatus.SENT, now + POLICY.codeLifetimeMillis(), now + 60_000));
    assertThat(store.attempt(id, first, now).status())
        .as("the previous code is invalid")
        .isEqualTo(CodeVerificationStatus.INVALID);
    assertThat(store.attempt(id, second, now).status()).isEqualTo(CodeVerificationStatus.VERIFIED);
  }

  @Test
  void aResendRevivesABurnedSessionWithAFreshBudget() {
    byte[] binding = hash();
    String id = session(binding, hash());
    long now = clock.millis() + 1_000;
    for (int i = 0; i < POLICY.maxAttempts(); i++) {
      CodeVerification unused = store.attempt(id, hash(), now);
    }
    byte[] fresh = hash();
    now = clock.millis() + 30_000;
    assertThat(store.resend(id, binding, fresh, now, POLICY).status()).isEqualTo(ResendStatus.SENT);
    assertThat(store.attempt(id, hash(), now).attemptsRemaining()).isEqualTo(2);
    assertThat(store.attempt(id, fresh, now).status()).isEqualTo(CodeVerificationStatus.VERIFIED);
  }

  @Test
  void aResendForAnotherBindingChangesNothing() {
    byte[] binding = hash();
    byte[] code = hash();
    String id = session(binding, code);
    long now = clock.millis() + 60_000;
    assertThat(store.resend(id, hash(), hash(), now, POLICY))
        .isEqualTo(
            new ResendOutcome(
                ResendStatus.BINDING_MISMATCH, Long.MIN_VALUE, clock.millis() + 30_000));
    assertThat(store.attempt(id, code, now).status()).isEqualTo(CodeVerificationStatus.VERIFIED);
  }

  @Test
  void theSendLimitEndsResends() {
    byte[] binding = hash();
    String id = session(binding, hash());
    long now = clock.millis();
    for (int sends = 1; sends < POLICY.maxSends(); sends++) {
      now += POLICY.cooldownAfterSendMillis(sends);
      ResendOutcome sent = store.resend(id, binding, hash(), now, POLICY);
      assertThat(sent.status()).isEqualTo(ResendStatus.SENT);
      if (sends + 1 == POLICY.maxSends()) {
        assertThat(sent.nextSendAtMillis()).as("no send is left").isEqualTo(Long.MIN_VALUE);
      }
    }
    assertThat(store.resend(id, binding, hash(), now + 1_000, POLICY))
        .isEqualTo(
            new ResendOutcome(ResendStatus.SEND_LIMIT_REACHED, Long.MIN_VALUE, Long.MIN_VALUE));
  }

  /**
   * A send limit lowered while a session is open (a policy change rolled out): the resend that
   * reaches the new limit leaves a cooldown that never ends, and the next resend is answered as
   * {@link StoredCode} answers it, with that end ({@link Long#MAX_VALUE}).
   */
  @Test
  void aSendLimitLoweredWhileASessionIsOpenIsAnsweredAsStoredCodeAnswersIt() {
    OneTimeCodePolicy lowered = policyWithSendLimit(2);
    byte[] binding = hash();
    long now = clock.millis();
    StoredCode model = StoredCode.first(binding, hash(), now, POLICY);
    String id = sessionId();
    assertThat(store.create(id, model)).isTrue();
    now += POLICY.cooldownAfterSendMillis(1);
    ResendOutcome last = null;
    for (int i = 0; i < 2; i++) {
      byte[] fresh = hash();
      StoredCode.Transition<ResendOutcome> t = model.resend(binding, fresh, now, lowered);
      last = store.resend(id, binding, fresh, now, lowered);
      assertThat(last).isEqualTo(t.result());
      model = t.next();
    }
    assertThat(last)
        .isEqualTo(new ResendOutcome(ResendStatus.COOLDOWN, Long.MIN_VALUE, Long.MAX_VALUE));
  }

  @Test
  void deleteEndsTheSession() {
    byte[] code = hash();
    String id = session(hash(), code);
    store.delete(id);
    assertThat(store.attempt(id, code, clock.millis())).isEqualTo(CodeVerification.notFound());
  }

  @Test
  void aSessionIsForgottenAfterItsEndSoItsIdIsFreeAgain() {
    String id = session(hash(), hash());
    passTime(POLICY.sessionLifetime().plusSeconds(1));
    assertThat(store.create(id, StoredCode.first(hash(), hash(), clock.millis(), POLICY))).isTrue();
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    byte[] binding = hash();
    byte[] code = hash();
    String id = session(binding, code);
    long now = clock.millis() + 30_000;
    assertThatThrownBy(() -> store.attempt(id, null, now)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.resend(id, binding, null, now, POLICY))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.resend(id, null, hash(), now, POLICY))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.create(sessionId(), null))
        .isInstanceOf(NullPointerException.class);
    assertThat(store.attempt(id, code, now))
        .as("no attempt was counted and no code replaced")
        .isEqualTo(
            CodeVerification.of(
                CodeVerificationStatus.VERIFIED, 0, Long.MIN_VALUE, Long.MIN_VALUE));
  }

  @Test
  void ofConcurrentRightAnswersExactlyOneVerifies() throws Exception {
    byte[] code = hash();
    String id = session(hash(), code);
    long now = clock.millis() + 1_000;
    List<CodeVerification> answers = ContractRace.run(16, t -> () -> store.attempt(id, code, now));
    assertThat(answers).filteredOn(CodeVerification::isVerified).hasSize(1);
    assertThat(answers)
        .filteredOn(a -> !a.isVerified())
        .allMatch(a -> a.status() == CodeVerificationStatus.NOT_FOUND);
  }

  @Test
  void concurrentWrongAnswersSpendTheBudgetExactly() throws Exception {
    String id = session(hash(), hash());
    long now = clock.millis() + 1_000;
    List<CodeVerification> answers =
        ContractRace.run(16, t -> () -> store.attempt(id, hash(), now));
    assertThat(answers)
        .filteredOn(a -> a.status() == CodeVerificationStatus.INVALID)
        .hasSize(POLICY.maxAttempts() - 1);
    assertThat(answers)
        .filteredOn(a -> a.status() == CodeVerificationStatus.ATTEMPTS_EXHAUSTED)
        .hasSize(16 - (POLICY.maxAttempts() - 1));
  }

  @Test
  void ofConcurrentResendsExactlyOneIsSent() throws Exception {
    byte[] binding = hash();
    String id = session(binding, hash());
    long now = clock.millis() + 30_000;
    byte[][] codes = new byte[16][];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = hash();
    }
    List<ResendOutcome> answers =
        ContractRace.run(16, t -> () -> store.resend(id, binding, codes[t], now, POLICY));
    assertThat(answers).filteredOn(a -> a.status() == ResendStatus.SENT).hasSize(1);
    int winner =
        answers.indexOf(
            answers.stream()
                .filter(a -> a.status() == ResendStatus.SENT)
                .findFirst()
                .orElseThrow());
    assertThat(store.attempt(id, codes[winner], now).isVerified()).isTrue();
  }

  @Test
  void theAsyncFormsAnswerAsTheBlockingOnes() throws Exception {
    byte[] binding = hash();
    byte[] code = hash();
    String id = sessionId();
    long now = clock.millis();
    assertThat(
            store
                .createAsync(id, StoredCode.first(binding, code, now, POLICY))
                .toCompletableFuture()
                .get())
        .isTrue();
    assertThat(store.attemptAsync(id, hash(), now).toCompletableFuture().get().status())
        .isEqualTo(CodeVerificationStatus.INVALID);
    byte[] fresh = hash();
    assertThat(
            store
                .resendAsync(id, binding, fresh, now + 30_000, POLICY)
                .toCompletableFuture()
                .get()
                .status())
        .isEqualTo(ResendStatus.SENT);
    assertThat(store.attemptAsync(id, fresh, now + 30_000).toCompletableFuture().get().isVerified())
        .isTrue();
  }

  /**
   * Property: for any sequence of attempts (right or wrong), resends (right or wrong binding) and
   * time steps, the store answers exactly what {@link StoredCode}'s transitions answer.
   */
  @Test
  void everyAnswerIsTheOneStoredCodesRulesGive() {
    qt().withExamples(60)
        .withShrinkCycles(50)
        .forAll(lists().of(integers().between(0, 5)).ofSizeBetween(1, 30))
        .checkAssert(
            ops -> {
              byte[] binding = hash();
              byte[] current = hash();
              long now = clock.millis();
              StoredCode model = StoredCode.first(binding, current, now, POLICY);
              String id = sessionId();
              assertThat(store.create(id, model)).isTrue();
              for (int op : ops) {
                switch (op) {
                  case 0, 1 -> {
                    byte[] candidate = op == 0 ? current : hash();
                    StoredCode.Transition<CodeVerification> t = model.attempt(candidate, now);
                    assertThat(store.attempt(id, candidate, now)).isEqualTo(t.result());
                    model = t.next();
                  }
                  case 2, 3 -> {
                    byte[] b = op == 2 ? binding : hash();
                    byte[] fresh = hash();
                    StoredCode.Transition<ResendOutcome> t = model.resend(b, fresh, now, POLICY);
                    assertThat(store.resend(id, b, fresh, now, POLICY)).isEqualTo(t.result());
                    if (t.result().status() == ResendStatus.SENT) {
                      current = fresh;
                    }
                    model = t.next();
                  }
                  case 4 -> now += 45_000;
                  default -> now += 5 * 60_000;
                }
              }
            });
  }
}
