package org.seiswatch.alerts.waveform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Thins a channel's segments for drawing, keeping the envelope: the window is cut into {@code
 * maxPoints / 2} equal time buckets and each segment keeps, per bucket, its smallest and largest
 * sample (in time order, one point if they are the same sample). So peaks survive, unlike with
 * plain every-n-th-sample thinning. A channel with at most {@code maxPoints} samples in the window
 * is returned whole. The result has at most {@code maxPoints} points plus 2 per gap (a bucket split
 * by a gap can hold two pairs).
 */
public final class Decimator {
  private Decimator() {}

  /**
   * @param zero the time that {@link TracePoints#t()} counts seconds from (the origin time)
   */
  public static List<TracePoints> decimate(
      List<Segment> segments, Instant from, Instant to, Instant zero, int maxPoints) {
    if (maxPoints < 2) {
      throw new IllegalArgumentException("maxPoints " + maxPoints + " < 2");
    }
    long total = segments.stream().mapToLong(Segment::length).sum();
    List<TracePoints> out = new ArrayList<>();
    if (total <= maxPoints) {
      for (Segment s : segments) {
        double[] t = new double[s.length()];
        for (int i = 0; i < t.length; i++) {
          t[i] = millis(s.secondsFrom(zero, i));
        }
        out.add(new TracePoints(t, s.samples()));
      }
      return out;
    }
    int buckets = maxPoints / 2;
    double width = Duration.between(from, to).toNanos() / 1e9 / buckets;
    double fromSeconds = Duration.between(zero, from).toNanos() / 1e9;
    for (Segment s : segments) {
      out.add(envelope(s, zero, fromSeconds, width, buckets));
    }
    return out;
  }

  private static TracePoints envelope(
      Segment s, Instant zero, double fromSeconds, double width, int buckets) {
    List<double[]> points = new ArrayList<>();
    int bucket = -1;
    int min = -1;
    int max = -1;
    for (int i = 0; i < s.length(); i++) {
      int b =
          (int) Math.min(buckets - 1, Math.floor((s.secondsFrom(zero, i) - fromSeconds) / width));
      if (b != bucket) {
        flush(s, zero, min, max, points);
        bucket = b;
        min = i;
        max = i;
      } else if (s.sample(i) < s.sample(min)) {
        min = i;
      } else if (s.sample(i) > s.sample(max)) {
        max = i;
      }
    }
    flush(s, zero, min, max, points);
    double[] t = new double[points.size()];
    double[] v = new double[points.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = points.get(i)[0];
      v[i] = points.get(i)[1];
    }
    return new TracePoints(t, v);
  }

  private static void flush(Segment s, Instant zero, int min, int max, List<double[]> points) {
    if (min < 0) {
      return;
    }
    int first = Math.min(min, max);
    int second = Math.max(min, max);
    points.add(new double[] {millis(s.secondsFrom(zero, first)), s.sample(first)});
    if (second != first) {
      points.add(new double[] {millis(s.secondsFrom(zero, second)), s.sample(second)});
    }
  }

  /** Seconds rounded to the millisecond: finer than any pixel, and a third of the JSON. */
  private static double millis(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
