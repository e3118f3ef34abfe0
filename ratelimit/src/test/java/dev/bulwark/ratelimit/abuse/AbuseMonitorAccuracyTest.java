package dev.bulwark.ratelimit.abuse;

import static dev.bulwark.ratelimit.abuse.AbuseMonitor.Dimension.SOURCE_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.RateLimitKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Heavy-hitter accuracy on a synthetic stream: 1,000,000 requests from 200,000 sources whose
 * popularity follows a Zipf law (exponent 1, the shape of real client traffic), with 50 planted
 * abusers each sending 2,500 to 5,000 requests and 50 decoys each sending 1,000 (half the
 * threshold), all interleaved at random over one 60-second window. The monitor tracks at most 6,000
 * entries, 3% of the sources. The exact counts are kept beside it as the reference.
 */
class AbuseMonitorAccuracyTest {
  private static final int SOURCES = 200_000;
  private static final int ZIPF_REQUESTS = 1_000_000;
  private static final int ABUSERS = 50;
  private static final int DECOYS = 50;
  private static final long THRESHOLD = 2_000;
  private static final int ENTRIES = 6_000;
  private static final long STREAM_LENGTH = 1_238_219;

  /** The outcome of one run. */
  record Run(
      Set<RateLimitKey> truth,
      Set<RateLimitKey> flagged,
      double recall,
      double precision,
      long abusersFound,
      long decoysFlagged,
      int maxEntries,
      long maxOverestimate) {}

  @Test
  void plantedAbusersAndTheZipfHeadAreFoundInBoundedMemory() {
    Run run = run(ENTRIES);
    assertThat(run.truth().size()).isGreaterThan(ABUSERS); // the Zipf head is above it too
    assertThat(run.recall()).isGreaterThanOrEqualTo(0.99);
    assertThat(run.abusersFound()).isEqualTo(ABUSERS);
    assertThat(run.precision()).isGreaterThanOrEqualTo(0.9);
    assertThat(run.decoysFlagged()).isZero();
    assertThat(run.maxEntries()).isLessThanOrEqualTo(ENTRIES);
    // Estimates exceed the true count by at most N * subWindows / entries.
    assertThat(run.maxOverestimate()).isLessThanOrEqualTo(STREAM_LENGTH * 6 / ENTRIES);
  }

  /**
   * With ten times fewer entries the error margin ({@code N * subWindows / entries}, about 12,000)
   * exceeds the threshold: memory stays bounded and estimates stay within the margin, but recall
   * and precision drop (both printed: about 0.85 and 0.23 on this stream). This is what sizing
   * {@code entries} by the margin avoids.
   */
  @Test
  void tooFewEntriesKeepMemoryAndTheErrorMarginBoundedButLoseAccuracy() {
    Run run = run(ENTRIES / 10);
    assertThat(run.maxEntries()).isLessThanOrEqualTo(ENTRIES / 10);
    assertThat(run.maxOverestimate()).isLessThanOrEqualTo(STREAM_LENGTH * 6 / (ENTRIES / 10));
    assertThat(run.recall()).isLessThan(0.99);
  }

  private static Run run(int entries) {
    SplittableRandom random = new SplittableRandom(20261204);
    RateLimitKey[] keys = new RateLimitKey[SOURCES + ABUSERS + DECOYS];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = RateLimitKey.ip("10." + (i >>> 16) + "." + ((i >>> 8) & 0xFF) + "." + (i & 0xFF));
    }
    // The stream, as indexes into keys: Zipf draws, then abusers' and decoys' requests, shuffled.
    double[] cumulative = new double[SOURCES];
    double sum = 0;
    for (int rank = 1; rank <= SOURCES; rank++) {
      sum += 1.0 / rank;
      cumulative[rank - 1] = sum;
    }
    int[] plantedCounts = new int[ABUSERS + DECOYS];
    int planted = 0;
    for (int i = 0; i < plantedCounts.length; i++) {
      plantedCounts[i] = i < ABUSERS ? 2_500 + random.nextInt(2_501) : 1_000;
      planted += plantedCounts[i];
    }
    int[] stream = new int[ZIPF_REQUESTS + planted];
    for (int i = 0; i < ZIPF_REQUESTS; i++) {
      int found = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
      stream[i] = Math.min(SOURCES - 1, found >= 0 ? found : -found - 1);
    }
    int at = ZIPF_REQUESTS;
    for (int i = 0; i < plantedCounts.length; i++) {
      for (int j = 0; j < plantedCounts[i]; j++) {
        stream[at++] = SOURCES + i;
      }
    }
    assertThat(stream.length).isEqualTo(STREAM_LENGTH);
    for (int i = stream.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = stream[i];
      stream[i] = stream[j];
      stream[j] = t;
    }

    AtomicLong now = new AtomicLong();
    Set<RateLimitKey> flagged = new HashSet<>();
    AbuseMonitor monitor =
        AbuseMonitor.builder()
            .ticker(now::get)
            .window(Duration.ofSeconds(60), 6)
            .track(SOURCE_PREFIX, THRESHOLD, entries)
            .listener(e -> flagged.add(e.key()))
            .build();
    Map<Integer, Integer> exact = new HashMap<>();
    long step = Duration.ofSeconds(59).toNanos() / stream.length;
    int maxEntries = 0;
    for (int i = 0; i < stream.length; i++) {
      monitor.record(SOURCE_PREFIX, keys[stream[i]]);
      exact.merge(stream[i], 1, Integer::sum);
      now.addAndGet(step);
      if (i % 10_000 == 0) {
        maxEntries = Math.max(maxEntries, monitor.trackedEntries(SOURCE_PREFIX));
      }
    }

    Set<RateLimitKey> truth = new HashSet<>();
    exact.forEach(
        (source, count) -> {
          if (count >= THRESHOLD) {
            truth.add(keys[source]);
          }
        });
    long truePositives = flagged.stream().filter(truth::contains).count();
    double recall = truePositives / (double) truth.size();
    double precision = truePositives / (double) flagged.size();
    long abusersFound =
        Arrays.stream(keys, SOURCES, SOURCES + ABUSERS).filter(flagged::contains).count();
    long decoysFlagged =
        Arrays.stream(keys, SOURCES + ABUSERS, keys.length).filter(flagged::contains).count();
    System.out.printf(
        Locale.ROOT,
        "abuse monitor accuracy: %,d requests, %,d distinct sources, threshold %,d, %,d entries;"
            + " %d sources above the threshold (%d planted), %d flagged: recall %.4f, precision"
            + " %.4f, planted abusers found %d/%d, decoys flagged %d/%d, most entries held %,d%n",
        stream.length,
        exact.size(),
        THRESHOLD,
        entries,
        truth.size(),
        ABUSERS,
        flagged.size(),
        recall,
        precision,
        abusersFound,
        ABUSERS,
        decoysFlagged,
        DECOYS,
        maxEntries);

    long maxOverestimate = 0;
    List<RateLimitKey> keyList = Arrays.asList(keys);
    for (RateLimitKey key : flagged) {
      long estimate = monitor.estimate(SOURCE_PREFIX, key);
      maxOverestimate = Math.max(maxOverestimate, estimate - exact.get(keyList.indexOf(key)));
    }
    return new Run(
        truth,
        flagged,
        recall,
        precision,
        abusersFound,
        decoysFlagged,
        maxEntries,
        maxOverestimate);
  }
}
