package org.seiswatch.alerts.waveform;

/**
 * Points of one contiguous stretch of a channel as drawn: {@code t} in seconds from the origin
 * time, {@code v} in counts.
 */
public record TracePoints(double[] t, double[] v) {
  public TracePoints {
    if (t.length != v.length) {
      throw new IllegalArgumentException(t.length + " times but " + v.length + " values");
    }
    t = t.clone();
    v = v.clone();
  }

  @Override
  public double[] t() {
    return t.clone();
  }

  @Override
  public double[] v() {
    return v.clone();
  }
}
