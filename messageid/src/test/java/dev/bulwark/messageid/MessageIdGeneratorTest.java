package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageIdGeneratorTest {
  private final ManualClock clock = new ManualClock();
  private final MessageIdGenerator generator = MessageIdGenerator.builder().clock(clock).build();

  @Test
  void idsAreVersion7WithTheRfcVariantAndTheClockMillis() {
    MessageId id = generator.next();
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.leastSignificantBits() >>> 62).isEqualTo(0b10);
    assertThat(id.unixMillis()).isEqualTo(ManualClock.START_MILLIS);
    assertThat(id.toUuid().version()).isEqualTo(7);
    assertThat(id.toUuid().variant()).isEqualTo(2);
    assertThat(id.toString()).isEqualTo(id.toUuid().toString());
  }

  @Test
  void manyIdsWithinOneMillisecondStayStrictlyIncreasingAndDistinct() {
    MessageId previous = generator.next();
    Set<MessageId> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      MessageId next = generator.next();
      assertThat(next).isGreaterThan(previous);
      assertThat(seen.add(next)).isTrue();
      previous = next;
    }
    assertThat(previous.unixMillis()).isEqualTo(ManualClock.START_MILLIS);
  }

  @Test
  void aClockThatStepsBackDoesNotBreakTheOrder() {
    MessageId before = generator.next();
    clock.advance(Duration.ofHours(-1));
    MessageId after = generator.next();
    assertThat(after).isGreaterThan(before);
    assertThat(after.unixMillis()).isEqualTo(ManualClock.START_MILLIS);
  }

  @Test
  void aNewMillisecondReseedsTheRandomBits() {
    MessageId first = generator.next();
    clock.advance(Duration.ofMillis(1));
    MessageId second = generator.next();
    assertThat(second.unixMillis()).isEqualTo(first.unixMillis() + 1);
    assertThat(second).isGreaterThan(first);
  }

  @Test
  void aClockBefore1970CountsAsZero() {
    clock.set(-5_000);
    MessageId id = generator.next();
    assertThat(id.unixMillis()).isZero();
  }

  @Test
  void theRandomBitsComeFromTheInjectedSecureRandom() {
    SecureRandom fixed =
        new SecureRandom() {
          private static final long serialVersionUID = 1L;

          @Override
          public int nextInt(int bound) {
            return 0x123;
          }

          @Override
          public long nextLong() {
            return 0x0456_789A_BCDE_F012L;
          }
        };
    MessageId id = MessageIdGenerator.builder().clock(clock).random(fixed).build().next();
    assertThat(id.mostSignificantBits() & 0xFFF).isEqualTo(0x123);
    assertThat(id.leastSignificantBits() & ((1L << 62) - 1)).isEqualTo(0x0456_789A_BCDE_F012L);
  }

  @Test
  void onlyVersion7IdsHaveATimestamp() {
    MessageId v4 = MessageId.of(java.util.UUID.fromString("3b241101-e2bb-4255-8caf-4136c566a962"));
    assertThatThrownBy(v4::unixMillis).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void orderingIsUnsignedUnlikeUuidCompareTo() {
    MessageId low = MessageId.fromBits(0x7000_0000_0000_0000L, 0);
    MessageId high = MessageId.fromBits(0x8000_0000_0000_0000L, 0);
    assertThat(low).isLessThan(high);
    assertThat(low.toUuid().compareTo(high.toUuid())).isPositive();
  }
}
