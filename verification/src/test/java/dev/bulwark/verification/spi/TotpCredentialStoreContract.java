package dev.bulwark.verification.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.verification.OtpAlgorithm;
import dev.bulwark.verification.TotpParameters;
import dev.bulwark.verification.spi.TotpCredentialStore.Activation;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TotpCredentialStore}, run against every implementation: the in-memory
 * store here, the Redis store (standalone and Cluster) in {@code bulwark-redis}. At most one
 * pending credential per account, activation checks the limit in the same step, credentials come
 * back exactly as they were stored.
 */
public abstract class TotpCredentialStoreContract {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long PENDING_MILLIS = Duration.ofMinutes(10).toMillis();

  /** The contract's clock; stores that read time themselves are built on it. */
  protected final StoreTestClock clock = new StoreTestClock();

  /** The store under test, made fresh (and empty) for each test. */
  protected TotpCredentialStore store;

  private final String account = "acct-" + UUID.randomUUID();

  /** Returns an empty store that reads {@code clock} wherever it needs the time itself. */
  protected abstract TotpCredentialStore newStore(InstantSource clock);

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

  private StoredTotpCredential pending(String id, TotpParameters parameters) {
    byte[] sealed = new byte[45];
    RANDOM.nextBytes(sealed);
    long now = clock.millis();
    return StoredTotpCredential.pending(id, sealed, parameters, now, now + PENDING_MILLIS);
  }

  private StoredTotpCredential pending(String id) {
    return pending(id, TotpParameters.defaults());
  }

  private static void assertSame(StoredTotpCredential actual, StoredTotpCredential expected) {
    assertThat(actual.credentialId()).isEqualTo(expected.credentialId());
    assertThat(actual.sealedSecret()).isEqualTo(expected.sealedSecret());
    assertThat(actual.parameters()).isEqualTo(expected.parameters());
    assertThat(actual.createdAtMillis()).isEqualTo(expected.createdAtMillis());
    assertThat(actual.pendingUntilMillis()).isEqualTo(expected.pendingUntilMillis());
    assertThat(actual.isActive()).isEqualTo(expected.isActive());
  }

  @Test
  void aPendingCredentialComesBackAsStoredUntilItExpires() {
    TotpParameters unusual =
        TotpParameters.builder()
            .algorithm(OtpAlgorithm.SHA512)
            .digits(8)
            .stepSeconds(60)
            .stepsBack(2)
            .stepsForward(0)
            .build();
    StoredTotpCredential c = pending("c1", unusual);
    store.putPending(account, c);
    assertSame(store.pending(account, "c1", clock.millis()), c);
    assertThat(store.pending(account, "c2", clock.millis())).isNull();
    assertThat(store.pending(account, "c1", c.pendingUntilMillis())).isNull();
    assertThat(store.active(account)).isEmpty();
  }

  @Test
  void aNewPendingCredentialReplacesThePreviousOne() {
    store.putPending(account, pending("c1"));
    StoredTotpCredential second = pending("c2");
    store.putPending(account, second);
    assertThat(store.pending(account, "c1", clock.millis())).isNull();
    assertSame(store.pending(account, "c2", clock.millis()), second);
    assertThat(store.activate(account, "c1", 5, clock.millis())).isEqualTo(Activation.NOT_FOUND);
  }

  @Test
  void activationMovesThePendingCredentialToTheActiveOnes() {
    StoredTotpCredential c = pending("c1");
    store.putPending(account, c);
    assertThat(store.activate(account, "c1", 5, clock.millis())).isEqualTo(Activation.ACTIVATED);
    assertThat(store.pending(account, "c1", clock.millis())).isNull();
    assertThat(store.active(account)).hasSize(1);
    assertSame(store.active(account).get(0), c.activated());
    assertThat(store.activate(account, "c1", 5, clock.millis()))
        .as("already active")
        .isEqualTo(Activation.NOT_FOUND);
  }

  @Test
  void anExpiredOrUnknownPendingCredentialIsNotActivated() {
    StoredTotpCredential c = pending("c1");
    store.putPending(account, c);
    assertThat(store.activate(account, "c2", 5, clock.millis())).isEqualTo(Activation.NOT_FOUND);
    assertThat(store.activate(account, "c1", 5, c.pendingUntilMillis()))
        .isEqualTo(Activation.NOT_FOUND);
    assertThat(store.activate(account + "-unknown", "c1", 5, clock.millis()))
        .isEqualTo(Activation.NOT_FOUND);
    assertThat(store.active(account)).isEmpty();
  }

  @Test
  void theLimitOnActiveCredentialsHolds() {
    for (int i = 0; i < 2; i++) {
      store.putPending(account, pending("c" + i));
      assertThat(store.activate(account, "c" + i, 2, clock.millis()))
          .isEqualTo(Activation.ACTIVATED);
    }
    StoredTotpCredential third = pending("c2");
    store.putPending(account, third);
    assertThat(store.activate(account, "c2", 2, clock.millis()))
        .isEqualTo(Activation.LIMIT_REACHED);
    assertSame(store.pending(account, "c2", clock.millis()), third);
    assertThat(store.active(account))
        .extracting(StoredTotpCredential::credentialId)
        .as("oldest first")
        .containsExactly("c0", "c1");
  }

  @Test
  void removeTakesPendingOrActiveCredentials() {
    store.putPending(account, pending("a"));
    assertThat(store.activate(account, "a", 5, clock.millis())).isEqualTo(Activation.ACTIVATED);
    store.putPending(account, pending("p"));
    assertThat(store.remove(account, "p")).isTrue();
    assertThat(store.pending(account, "p", clock.millis())).isNull();
    assertThat(store.remove(account, "p")).isFalse();
    assertThat(store.remove(account, "a")).isTrue();
    assertThat(store.active(account)).isEmpty();
    assertThat(store.remove(account + "-unknown", "a")).isFalse();
  }

  @Test
  void activeCredentialsOutliveThePendingWindowAndPendingOnesDoNot() {
    store.putPending(account, pending("a"));
    assertThat(store.activate(account, "a", 5, clock.millis())).isEqualTo(Activation.ACTIVATED);
    String other = account + "-other";
    store.putPending(other, pending("p"));
    passTime(Duration.ofDays(400));
    assertThat(store.active(account))
        .extracting(StoredTotpCredential::credentialId)
        .containsExactly("a");
    assertThat(store.pending(other, "p", 0)).as("dropped with its pending credential").isNull();
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    StoredTotpCredential c = pending("c1");
    store.putPending(account, c);
    assertThatThrownBy(() -> store.putPending(account, null))
        .isInstanceOf(NullPointerException.class);
    assertSame(store.pending(account, "c1", clock.millis()), c);
  }

  @Test
  void ofConcurrentConfirmationsExactlyOneActivates() throws Exception {
    store.putPending(account, pending("c1"));
    long now = clock.millis();
    List<Activation> answers =
        ContractRace.run(16, t -> () -> store.activate(account, "c1", 5, now));
    assertThat(answers).filteredOn(a -> a == Activation.ACTIVATED).hasSize(1);
    assertThat(answers).filteredOn(a -> a == Activation.NOT_FOUND).hasSize(15);
    assertThat(store.active(account)).hasSize(1);
  }
}
