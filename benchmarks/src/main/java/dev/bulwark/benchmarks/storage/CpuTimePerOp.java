package dev.bulwark.benchmarks.storage;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.bulwark.storage.AccessContext;
import dev.bulwark.storage.EphemeralStore;
import dev.bulwark.storage.FetchResult;
import dev.bulwark.storage.Recipient;
import dev.bulwark.storage.RecordId;
import dev.bulwark.storage.TinkKeyEncryptionKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The same comparison as {@link EphemeralStoreBenchmark} (put + fetch + acknowledge against raw
 * Tink AES-256-GCM encrypt + decrypt), timed by the thread's CPU time rather than the wall clock,
 * with the two interleaved in rounds within one JVM. On a machine shared with other builds, wall
 * clock throughput mostly measures how often the thread was descheduled; CPU time per operation and
 * the ratio of the two, round by round, do not. Uses only the public API, so the same source runs
 * against older builds of the store. A cross-check of the JMH ratios, not a replacement.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.bulwark.benchmarks.storage.CpuTimePerOp
 * [rounds] [operations per round]}
 */
public final class CpuTimePerOp {
  private static final Recipient RECIPIENT = Recipient.of("+14155550123");
  private static final AccessContext SENDER = AccessContext.sender("benchmark");
  private static final AccessContext SELF = AccessContext.recipient(RECIPIENT);
  private static final byte[] AD = new byte[64];

  private CpuTimePerOp() {}

  private interface Op {
    long run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    AeadConfig.register();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    byte[] hashKey = new byte[32];
    new SecureRandom().nextBytes(hashKey);
    EphemeralStore store =
        EphemeralStore.builder()
            .recipientHashKey(hashKey)
            .keyEncryptionKeys(TinkKeyEncryptionKeys.generate())
            .build();
    Aead tink =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
    for (int size : new int[] {64, 1024}) {
      byte[] payload = new byte[size];
      Arrays.fill(payload, (byte) 'x');
      Op bulwark =
          () -> {
            RecordId id = store.put(SENDER, RECIPIENT, payload, Duration.ofHours(1));
            FetchResult fetched = store.fetch(SELF, RECIPIENT, 1);
            if (!store.acknowledge(SELF, RECIPIENT, id)) {
              throw new AssertionError("acknowledge lost the record");
            }
            return fetched.records().get(0).payloadLength();
          };
      Op raw = () -> tink.decrypt(tink.encrypt(payload, AD), AD).length;
      long sink = 0;
      for (int i = 0; i < 200_000; i++) {
        sink += bulwark.run() + raw.run();
      }
      List<Double> bulwarkNs = new ArrayList<>();
      List<Double> rawNs = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        long t0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < perRound; i++) {
          sink += bulwark.run();
        }
        long t1 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < perRound; i++) {
          sink += raw.run();
        }
        long t2 = threads.getCurrentThreadCpuTime();
        double b = (t1 - t0) / (double) perRound;
        double t = (t2 - t1) / (double) perRound;
        bulwarkNs.add(b);
        rawNs.add(t);
        ratios.add(t / b);
      }
      System.out.printf(
          Locale.ROOT,
          "size=%d bulwark put+fetch+ack %.0f ns/op (CPU), raw Tink %.0f ns/op (CPU),"
              + " Bulwark/Tink throughput ratio median %.2fx (min %.2fx, max %.2fx) sink=%d%n",
          size,
          median(bulwarkNs),
          median(rawNs),
          median(ratios),
          ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
          ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
          sink & 1);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
