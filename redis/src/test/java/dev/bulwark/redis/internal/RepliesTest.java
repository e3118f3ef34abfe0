package dev.bulwark.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Script answers are read strictly: 1 and 0 only for yes-or-no, {@code [0, bound)} only for an
 * index; anything else is the caller's typed exception, never a default.
 */
class RepliesTest {
  private static final class Unexpected extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void yesOrNoReadsOnlyOneAndZero() {
    assertThat(Replies.yesOrNo(1L, Unexpected::new)).isTrue();
    assertThat(Replies.yesOrNo(0L, Unexpected::new)).isFalse();
    for (Long answer : new Long[] {null, 2L, -1L, Long.MIN_VALUE}) {
      assertThatThrownBy(() -> Replies.yesOrNo(answer, Unexpected::new))
          .isInstanceOf(Unexpected.class);
    }
  }

  @Test
  void indexReadsOnlyLongsInRange() {
    assertThat(Replies.index(0L, 3, Unexpected::new)).isZero();
    assertThat(Replies.index(2L, 3, Unexpected::new)).isEqualTo(2);
    for (Object answer : new Object[] {null, 3L, -1L, 1, "1", List.of(1L)}) {
      assertThatThrownBy(() -> Replies.index(answer, 3, Unexpected::new))
          .isInstanceOf(Unexpected.class);
    }
  }
}
