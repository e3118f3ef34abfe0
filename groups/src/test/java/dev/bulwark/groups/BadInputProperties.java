package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input as a specification: junk never reaches the store. */
class BadInputProperties {

  /**
   * Any bytes submitted to the server, whether random junk or a valid change with one byte changed,
   * are refused (as malformed, badly signed or otherwise) and leave the stored state and log
   * unchanged; nothing but a typed result comes back.
   */
  @Test
  void junkAndSingleByteEditsOfAValidChangeNeverChangeTheGroup() {
    GroupFixture f = new GroupFixture(11, 3, 1);
    byte[] valid =
        GroupChangeCodec.encode(
            f.change(f.admin(), new GroupAction.AddMember(f.users.get(2), Role.MEMBER)));
    GroupState before = f.state();
    qt().withExamples(500)
        .forAll(
            lists().of(integers().between(0, 255)).ofSizeBetween(0, 300),
            integers().between(0, valid.length - 1),
            integers().between(1, 255))
        .checkAssert(
            (junk, index, delta) -> {
              byte[] edited = valid.clone();
              edited[index] = (byte) (edited[index] + delta);
              for (byte[] input : List.of(bytes(junk), edited)) {
                ApplyResult r = f.server.apply(input);
                assertThat(r).isInstanceOf(ApplyResult.Refused.class);
                assertThat(f.state()).isEqualTo(before);
                assertThat(f.store.readLog(f.groupId, 1, 10)).isEmpty();
              }
            });
  }

  private static byte[] bytes(List<Integer> values) {
    byte[] out = new byte[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (int) values.get(i);
    }
    return out;
  }
}
