package dev.bulwark.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dummy work runs the host's real check exactly once, and never accepts an unknown subject. */
class DummyWorkTest {
  private final List<String> checkedAgainst = new ArrayList<>();
  private final DummyWork<String> dummy =
      DummyWork.of(
          password -> "hash:" + new String(password),
          (presented, stored) -> {
            checkedAgainst.add(stored);
            return stored.equals("hash:" + new String(presented));
          },
          new SecureRandom());

  @Test
  void aKnownSubjectIsCheckedAgainstItsOwnCredential() {
    assertThat(dummy.matches("hash:secret", "secret".toCharArray())).isTrue();
    assertThat(dummy.matches("hash:secret", "guess".toCharArray())).isFalse();
    assertThat(checkedAgainst).containsExactly("hash:secret", "hash:secret");
  }

  @Test
  void anUnknownSubjectRunsTheSameCheckAgainstTheDummyAndIsRejected() {
    assertThat(dummy.matches(null, "anything".toCharArray())).isFalse();
    assertThat(checkedAgainst).hasSize(1);
    assertThat(checkedAgainst.get(0)).startsWith("hash:").hasSize("hash:".length() + 24);
  }

  @Test
  void anUnknownSubjectIsRejectedEvenIfTheDummyWouldMatch() {
    DummyWork<String> permissive =
        DummyWork.of(p -> "h", (presented, stored) -> true, new SecureRandom());
    assertThat(permissive.matches(null, new char[0])).isFalse();
    assertThat(permissive.matches("h", new char[0])).isTrue();
  }

  @Test
  void spendRunsTheCheckOnce() {
    dummy.spend("x".toCharArray());
    assertThat(checkedAgainst).hasSize(1);
    assertThat(dummy.toString()).doesNotContain("hash:");
  }

  @Test
  void aHasherReturningNullIsRejected() {
    assertThatThrownBy(() -> DummyWork.of(p -> null, (p, s) -> true, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hasher returned null for the dummy password");
  }
}
