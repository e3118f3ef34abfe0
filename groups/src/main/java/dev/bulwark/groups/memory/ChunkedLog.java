package dev.bulwark.groups.memory;

import dev.bulwark.groups.LogEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable list of log entries whose append copies at most one chunk of {@value #CHUNK}
 * references and the chunk index, instead of the whole log. Full chunks are shared between
 * versions, never modified.
 */
final class ChunkedLog {
  private static final int CHUNK = 512;
  static final ChunkedLog EMPTY = new ChunkedLog(new LogEntry[0][], 0);

  private final LogEntry[][] chunks;
  private final int size;

  private ChunkedLog(LogEntry[][] chunks, int size) {
    this.chunks = chunks;
    this.size = size;
  }

  int size() {
    return size;
  }

  LogEntry get(int index) {
    return chunks[index / CHUNK][index % CHUNK];
  }

  ChunkedLog append(LogEntry entry) {
    int offset = size % CHUNK;
    LogEntry[][] next;
    if (offset == 0) {
      next = Arrays.copyOf(chunks, chunks.length + 1);
      next[next.length - 1] = new LogEntry[] {entry};
    } else {
      next = chunks.clone();
      LogEntry[] last = Arrays.copyOf(chunks[chunks.length - 1], offset + 1);
      last[offset] = entry;
      next[next.length - 1] = last;
    }
    return new ChunkedLog(next, size + 1);
  }

  /** Entries {@code from} (inclusive) to {@code to} (exclusive). */
  List<LogEntry> range(int from, int to) {
    List<LogEntry> out = new ArrayList<>(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      out.add(get(i));
    }
    return out;
  }
}
