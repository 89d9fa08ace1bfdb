package org.seiswatch.detector.assembler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.seiswatch.detector.internal.DataTime;

/**
 * Assembler state of one channel, kept in the assembler's state store: where the next contiguous
 * record should start, records held back because they arrived ahead of a hole, and counters.
 * Mutable; {@link ChannelStateSerde} gives its binary form.
 */
public final class ChannelState {
  double sampleRate;
  long expectedNext = DataTime.NONE;
  long newestEnd = DataTime.NONE;
  long gaps;
  long duplicates;
  final List<Held> held = new ArrayList<>();

  /** A raw record held until the hole before it fills or the lateness runs out. */
  record Held(long start, long end, byte[] bytes) {
    Held {
      Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Held h
          && start == h.start
          && end == h.end
          && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
      return Objects.hash(start, end, Arrays.hashCode(bytes));
    }
  }

  public long gaps() {
    return gaps;
  }

  public long duplicates() {
    return duplicates;
  }

  public int heldRecords() {
    return held.size();
  }

  /** Data time the next contiguous sample is expected at, or {@link DataTime#NONE}. */
  public long expectedNext() {
    return expectedNext;
  }
}
