package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz test of the change parser: any bytes either parse to a change whose re-encoding from its
 * fields is exactly those bytes (one encoding per value), or are rejected with {@link
 * MalformedEncodingException}; nothing else is ever thrown. Seeds under {@code
 * src/test/resources/dev/bulwark/groups/GroupChangeCodecFuzzTestInputs/}.
 */
class GroupChangeCodecFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parsesCanonicallyOrRejects(byte[] input) {
    GroupChange change;
    try {
      change = GroupChangeCodec.decode(input);
    } catch (MalformedEncodingException expected) {
      return;
    }
    assertThat(GroupChangeCodec.encodeFields(change)).isEqualTo(input);
  }
}
