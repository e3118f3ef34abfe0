package dev.bulwark.redis.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.storage.spi.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * The storage stores read their scripts' yes-or-no answers strictly: 1 and 0 only; a missing or
 * other answer is {@link StoreUnavailableException}, never a silent "no" (which would report a
 * record as not deleted, or a fresh record ID as already stored).
 */
class StorageCallsTest {
  @Test
  void oneIsYesAndZeroIsNo() {
    assertThat(StorageCalls.yesOrNo("store", 1L)).isTrue();
    assertThat(StorageCalls.yesOrNo("store", 0L)).isFalse();
  }

  @Test
  void anyOtherAnswerIsTheTypedError() {
    for (Long answer : new Long[] {null, 2L, -1L, Long.MAX_VALUE}) {
      assertThatThrownBy(() -> StorageCalls.yesOrNo("Redis blob store", answer))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessage("Redis blob store: the script gave an unexpected answer");
    }
  }
}
