package org.seiswatch.alerts.waveform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Joins the decoded records of one channel into contiguous {@link Segment}s inside a time window:
 * records sorted by start time, a record that starts before the end of the previous one (a
 * duplicate or overlap, as a re-sent record) loses its overlapping samples, a record starting more
 * than half a sample period after the expected time starts a new segment (a gap), and everything is
 * clipped to {@code [from, to)}.
 */
public final class SegmentAssembler {
  private SegmentAssembler() {}

  public static List<Segment> assemble(List<Segment> records, Instant from, Instant to) {
    List<Segment> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparing(Segment::start));
    List<Segment> out = new ArrayList<>();
    Builder current = null;
    for (Segment record : sorted) {
      if (current != null && !current.continues(record)) {
        current.build().ifPresent(out::add);
        current = null;
      }
      if (current == null) {
        current = new Builder(record.start(), record.sampleRate(), from, to);
      }
      current.append(record);
    }
    if (current != null) {
      current.build().ifPresent(out::add);
    }
    return out;
  }

  /** Samples of one segment, clipped to the window as they are appended. */
  private static final class Builder {
    private final Instant start;
    private final double rate;
    private final Instant from;
    private final Instant to;
    private final List<Double> samples = new ArrayList<>();
    private long count; // samples appended, clipped or not
    private Instant firstKept;

    Builder(Instant start, double rate, Instant from, Instant to) {
      this.start = start;
      this.rate = rate;
      this.from = from;
      this.to = to;
    }

    private Instant timeOf(long index) {
      return start.plusNanos(Math.round(index * 1e9 / rate));
    }

    /** True if {@code record} has the same rate and starts within half a period of the end. */
    boolean continues(Segment record) {
      if (record.sampleRate() != rate) {
        return false;
      }
      long halfPeriod = Math.round(0.5e9 / rate);
      return Duration.between(timeOf(count), record.start()).toNanos() <= halfPeriod;
    }

    void append(Segment record) {
      long halfPeriod = Math.round(0.5e9 / rate);
      // Samples of the record that lie before the end so far are duplicates.
      long overlap = Duration.between(record.start(), timeOf(count)).toNanos();
      long skip = overlap > halfPeriod ? Math.round(overlap * rate / 1e9) : 0;
      for (int i = (int) Math.min(skip, record.length()); i < record.length(); i++) {
        Instant t = timeOf(count);
        if (!t.isBefore(from) && t.isBefore(to)) {
          if (firstKept == null) {
            firstKept = t;
          }
          samples.add(record.sample(i));
        }
        count++;
      }
    }

    Optional<Segment> build() {
      if (samples.isEmpty()) {
        return Optional.empty();
      }
      double[] values = new double[samples.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = samples.get(i);
      }
      return Optional.of(new Segment(firstKept, rate, values));
    }
  }
}
