package dev.bulwark.ratelimit.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * The Space-Saving heavy-hitter sketch (Metwally, Agrawal and El Abbadi, 2005) over at most {@code
 * capacity} counters.
 *
 * <p>A tracked key's counter is incremented; an untracked key takes over the counter with the
 * smallest count, inheriting that count as its error. Hence, for a stream of total weight {@code
 * N}: every key whose true weight exceeds {@code N / capacity} is tracked; a tracked key's count
 * overestimates its true weight by at most its recorded error, which is at most {@code N /
 * capacity}; and an untracked key's true weight is at most {@link #minCount()}.
 *
 * <p>Counters sit in a binary min-heap indexed by a hash map, so an update is one hash lookup and
 * {@code O(log capacity)} swaps; replacing a key reuses its counter object. Memory is bounded by
 * {@code capacity} counters, whatever the stream. Not thread-safe: callers synchronize.
 *
 * @param <K> the key type; keys must have consistent {@code equals} and {@code hashCode}
 */
public final class SpaceSaving<K> {

  /** One tracked key. */
  private static final class Counter<K> {
    K key;
    long count;
    long error;
    long base;
    int heapIndex;

    Counter(K key, int heapIndex) {
      this.key = key;
      this.heapIndex = heapIndex;
    }
  }

  private final int capacity;
  private final HashMap<K, Counter<K>> index;
  private final Object[] heap;
  private int size;
  private long total;
  private long previousTotal;

  /** Returns an empty sketch of at most {@code capacity} counters. */
  public SpaceSaving(int capacity) {
    Checks.requireInRange("capacity", capacity, 1, 1 << 24);
    this.capacity = capacity;
    this.index = new HashMap<>(Math.max(16, (int) (capacity / 0.75f) + 1));
    this.heap = new Object[capacity];
  }

  /**
   * Adds {@code weight} to {@code key} and returns its new estimated count.
   *
   * @param weight at least 1
   */
  public long add(K key, long weight) {
    return add(key, weight, k -> 0);
  }

  /**
   * Adds {@code weight} to {@code key} and returns its new estimated count plus its base: a value
   * computed by {@code baseOfNewKey} when the key takes a counter, and kept with the counter while
   * the key holds it. (A windowed sketch keeps there the key's weight in older, frozen windows, so
   * that an update needs one lookup.) {@link #previousTotal()} then returns the same sum before
   * this update, where an untracked key counted 0.
   *
   * @param weight at least 1
   */
  public long add(K key, long weight, ToLongFunction<K> baseOfNewKey) {
    total += weight;
    Counter<K> c = index.get(key);
    if (c == null) {
      if (size < capacity) {
        // A new counter enters at the bottom with the smallest possible count, 0, and then grows
        // like any other: placing it first keeps the heap ordered before the increment below.
        c = new Counter<>(key, 0);
        shiftBottomUp(size++);
        heap[0] = c;
      } else {
        c = counter(0);
        index.remove(c.key);
        c.key = key;
        c.error = c.count;
      }
      c.base = baseOfNewKey.applyAsLong(key);
      index.put(key, c);
      previousTotal = c.base;
    } else {
      previousTotal = c.base + c.count;
    }
    c.count += weight;
    siftDown(c.heapIndex);
    return c.base + c.count;
  }

  /** The base plus estimated count of the key of the last {@link #add}, before that add. */
  public long previousTotal() {
    return previousTotal;
  }

  /** The estimated count of {@code key}: an overestimate if tracked, else 0. */
  public long estimate(K key) {
    Counter<K> c = index.get(key);
    return c == null ? 0 : c.count;
  }

  /** The most {@code key}'s estimate can exceed its true count, or 0 if it is untracked. */
  public long error(K key) {
    Counter<K> c = index.get(key);
    return c == null ? 0 : c.error;
  }

  /** The smallest tracked count once full (an upper bound on any untracked key), else 0. */
  public long minCount() {
    return size < capacity ? 0 : counter(0).count;
  }

  /** The total weight added. */
  public long total() {
    return total;
  }

  /** The number of keys tracked, at most the capacity. */
  public int size() {
    return size;
  }

  /** The most counters this sketch keeps. */
  public int capacity() {
    return capacity;
  }

  /** Forgets everything. */
  public void clear() {
    index.clear();
    java.util.Arrays.fill(heap, 0, size, null);
    size = 0;
    total = 0;
  }

  /** Calls {@code action} with each tracked key and its estimated count, in no particular order. */
  public void forEach(BiConsumer<? super K, Long> action) {
    for (int i = 0; i < size; i++) {
      Counter<K> c = counter(i);
      action.accept(c.key, c.count);
    }
  }

  /** The tracked keys, in no particular order. */
  public List<K> keys() {
    List<K> keys = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      keys.add(counter(i).key);
    }
    return keys;
  }

  @SuppressWarnings("unchecked")
  private Counter<K> counter(int i) {
    return (Counter<K>) heap[i];
  }

  // Makes room at the root: moves every ancestor of slot i one level down.
  private void shiftBottomUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      Counter<K> p = counter(parent);
      heap[i] = p;
      p.heapIndex = i;
      i = parent;
    }
  }

  // Counts only grow, so a counter only ever moves down the min-heap.
  private void siftDown(int i) {
    Counter<K> c = counter(i);
    for (; ; ) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && counter(child + 1).count < counter(child).count) {
        child++;
      }
      Counter<K> smaller = counter(child);
      if (smaller.count >= c.count) {
        break;
      }
      heap[i] = smaller;
      smaller.heapIndex = i;
      i = child;
    }
    heap[i] = c;
    c.heapIndex = i;
  }
}
