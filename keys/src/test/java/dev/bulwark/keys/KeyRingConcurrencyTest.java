package dev.bulwark.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.keys.spi.MasterKeyProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many threads encrypting under one ring with a small use budget: no version ever seals more than
 * its budget (the AES-GCM nonce bound holds under contention), and everything sealed opens.
 */
class KeyRingConcurrencyTest {

  @Test
  void noVersionSealsMoreThanItsBudgetUnderConcurrentEncryption() throws Exception {
    int budget = 50;
    KeyRing ring =
        KeyRing.builder("concurrent")
            .masterKey(MasterKeyProvider.aesGcm(KeyRingTest.randomKey()))
            .rotationPolicy(RotationPolicy.builder().maxEncryptions(budget).build())
            .build();
    int threads = 4;
    int perThread = 500;
    ConcurrentLinkedQueue<byte[]> sealed = new ConcurrentLinkedQueue<>();
    Race.run(
        threads,
        () -> {
          for (int i = 0; i < perThread; i++) {
            sealed.add(ring.encrypt(new byte[] {(byte) i}, new byte[0]));
          }
        });

    List<Integer> versions = new ArrayList<>();
    for (byte[] ct : sealed) {
      versions.add(KeyRing.versionOf(ct));
      assertThat(ring.decrypt(ct, new byte[0])).hasSize(1);
    }
    Map<Integer, Long> perVersion =
        versions.stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(perVersion.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(budget));
    assertThat(versions).hasSize(threads * perThread);
    assertThat(ring.latestVersion()).isGreaterThanOrEqualTo(threads * perThread / budget);
  }
}
