package dev.bulwark.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many threads fetching bundles for one device: no one-time prekey is ever served twice. */
class OneTimePreKeyConcurrencyTest {

  @Test
  void concurrentFetchesNeverShareAOneTimePreKey() throws Exception {
    KeyDirectory directory = KeyDirectory.builder().build();
    DeviceAddress device = DeviceAddress.of(UUID.randomUUID(), 1);
    TestKeys client = new TestKeys();
    directory.setIdentityKey(device, client.identity);
    directory.uploadSignedPreKey(device, client.signed(1));
    directory.uploadLastResortKey(device, client.signed(2));
    int keys = 1_000;
    for (int start = 0; start < keys; start += 100) {
      directory.uploadOneTimePreKeys(
          device, IntStream.range(start, start + 100).mapToObj(TestKeys::oneTime).toList());
    }

    int threads = 6;
    int fetchesPerThread = 250; // 1500 fetches for 1000 keys: the last 500 get the last resort
    ConcurrentLinkedQueue<Integer> served = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> lastResorts = new ConcurrentLinkedQueue<>();
    Race.run(
        threads,
        () -> {
          for (int i = 0; i < fetchesPerThread; i++) {
            PreKeyBundle bundle = directory.fetchBundle(device).orElseThrow();
            bundle.oneTime().ifPresent(k -> served.add(k.keyId()));
            bundle.lastResort().ifPresent(k -> lastResorts.add(k.keyId()));
          }
        });

    assertThat(served).hasSize(keys).doesNotHaveDuplicates();
    assertThat(lastResorts).hasSize(threads * fetchesPerThread - keys).containsOnly(2);
    assertThat(directory.oneTimePreKeyCount(device)).isZero();
  }
}
