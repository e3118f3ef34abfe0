package dev.bulwark.storage;

import static dev.bulwark.storage.Fixture.ALICE;
import static dev.bulwark.storage.Fixture.BOB;
import static dev.bulwark.storage.Fixture.HOUR;
import static dev.bulwark.storage.Fixture.OPERATOR;
import static dev.bulwark.storage.Fixture.SENDER;
import static dev.bulwark.storage.Fixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.testkit.CapturingServiceProvider;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private final Fixture f = new Fixture();
  private RecordId aliceRecord;

  @BeforeEach
  void setUp() {
    aliceRecord = f.put(ALICE, "for alice");
    CapturingServiceProvider.clear();
  }

  private void assertDenied(ThrowingCallable call, Operation op, Role role, DenialReason reason) {
    CapturingServiceProvider.clear();
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> {
              assertThat(e.operation()).isEqualTo(op);
              assertThat(e.role()).isEqualTo(role);
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e).hasMessage(op + " denied to " + role + ": " + reason);
            });
    assertThat(CapturingServiceProvider.events())
        .containsExactly(
            "dev.bulwark.storage.audit WARN storage.access.denied operation="
                + op
                + " role="
                + role
                + " reason="
                + reason);
  }

  @Test
  void aSenderCanPutButNeverReadAcknowledgeCountPurgeOrShred() {
    assertDenied(
        () -> f.store.fetch(SENDER, ALICE, 10),
        Operation.FETCH,
        Role.SENDER,
        DenialReason.ROLE_NOT_PERMITTED);
    assertDenied(
        () -> f.store.acknowledge(SENDER, ALICE, aliceRecord),
        Operation.ACKNOWLEDGE,
        Role.SENDER,
        DenialReason.ROLE_NOT_PERMITTED);
    assertDenied(
        () -> f.store.count(SENDER, ALICE),
        Operation.COUNT,
        Role.SENDER,
        DenialReason.ROLE_NOT_PERMITTED);
    assertDenied(
        () -> f.store.purge(SENDER, ALICE),
        Operation.PURGE,
        Role.SENDER,
        DenialReason.ROLE_NOT_PERMITTED);
    assertDenied(
        () -> f.store.shred(SENDER, ALICE),
        Operation.SHRED,
        Role.SENDER,
        DenialReason.ROLE_NOT_PERMITTED);
    assertDenied(
        () -> f.store.sweep(SENDER), Operation.SWEEP, Role.SENDER, DenialReason.ROLE_NOT_PERMITTED);
    assertThat(f.payloads(ALICE)).containsExactly("for alice");
  }

  @Test
  void aRecipientReadsAndAcknowledgesOnlyItsOwnRecords() {
    assertDenied(
        () -> f.store.fetch(as(BOB), ALICE, 10),
        Operation.FETCH,
        Role.RECIPIENT,
        DenialReason.NOT_OWNER);
    assertDenied(
        () -> f.store.acknowledge(as(BOB), ALICE, aliceRecord),
        Operation.ACKNOWLEDGE,
        Role.RECIPIENT,
        DenialReason.NOT_OWNER);
    assertDenied(
        () -> f.store.purge(as(BOB), ALICE),
        Operation.PURGE,
        Role.RECIPIENT,
        DenialReason.NOT_OWNER);
    assertDenied(
        () -> f.store.put(as(BOB), ALICE, new byte[1], HOUR),
        Operation.PUT,
        Role.RECIPIENT,
        DenialReason.ROLE_NOT_PERMITTED);
    assertDenied(
        () -> f.store.shred(as(ALICE), ALICE),
        Operation.SHRED,
        Role.RECIPIENT,
        DenialReason.ROLE_NOT_PERMITTED);
    // Bob acknowledging Alice's record ID against his own queue deletes nothing of hers.
    assertThat(f.store.acknowledge(as(BOB), BOB, aliceRecord)).isFalse();
    assertThat(f.payloads(ALICE)).containsExactly("for alice");
    assertThat(f.store.count(as(ALICE), ALICE)).isEqualTo(1);
  }

  @Test
  void anOperatorCountsPurgesAndShredsButNeverSeesPlaintext() {
    assertDenied(
        () -> f.store.fetch(OPERATOR, ALICE, 10),
        Operation.FETCH,
        Role.OPERATOR,
        DenialReason.ROLE_NOT_PERMITTED);
    assertDenied(
        () -> f.store.acknowledge(OPERATOR, ALICE, aliceRecord),
        Operation.ACKNOWLEDGE,
        Role.OPERATOR,
        DenialReason.ROLE_NOT_PERMITTED);
    assertDenied(
        () -> f.store.put(OPERATOR, ALICE, new byte[1], HOUR),
        Operation.PUT,
        Role.OPERATOR,
        DenialReason.ROLE_NOT_PERMITTED);
    assertThat(f.store.count(OPERATOR, ALICE)).isEqualTo(1);
    assertThat(f.store.purge(OPERATOR, ALICE)).isEqualTo(1);
  }

  @Test
  void aHostPolicyCanOnlyAddRestrictions() {
    Fixture strict =
        new Fixture(
            EphemeralStore.builder()
                .accessPolicy(
                    (caller, op, self) ->
                        op == Operation.PURGE && !caller.principal().equals("ops-lead")
                            ? Optional.of(DenialReason.ROLE_NOT_PERMITTED)
                            : Optional.empty()));
    strict.put(ALICE, "x");
    assertDenied(
        () -> strict.store.purge(OPERATOR, ALICE),
        Operation.PURGE,
        Role.OPERATOR,
        DenialReason.HOST_POLICY);
    assertThat(strict.store.purge(AccessContext.operator("ops-lead"), ALICE)).isEqualTo(1);
    Fixture lax =
        new Fixture(EphemeralStore.builder().accessPolicy((caller, op, self) -> Optional.empty()));
    lax.put(ALICE, "x");
    assertDenied(
        () -> lax.store.fetch(SENDER, ALICE, 10),
        Operation.FETCH,
        Role.SENDER,
        DenialReason.ROLE_NOT_PERMITTED);
  }

  @Test
  void deniedCallsChangeNothing() {
    assertDenied(
        () -> f.store.purge(SENDER, ALICE),
        Operation.PURGE,
        Role.SENDER,
        DenialReason.ROLE_NOT_PERMITTED);
    assertDenied(
        () -> f.store.shred(as(BOB), ALICE),
        Operation.SHRED,
        Role.RECIPIENT,
        DenialReason.ROLE_NOT_PERMITTED);
    assertDenied(
        () -> f.store.rewrap(as(ALICE)),
        Operation.REWRAP,
        Role.RECIPIENT,
        DenialReason.ROLE_NOT_PERMITTED);
    assertThat(f.payloads(ALICE)).containsExactly("for alice");
  }
}
