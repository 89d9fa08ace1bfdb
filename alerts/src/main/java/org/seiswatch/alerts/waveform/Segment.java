package org.seiswatch.alerts.waveform;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Contiguous samples of one channel: the first at {@code start}, then one every {@code 1 /
 * sampleRate} seconds.
 */
public record Segment(Instant start, double sampleRate, double[] samples) {
  public Segment {
    Objects.requireNonNull(start, "start");
    if (!(sampleRate > 0)) {
      throw new IllegalArgumentException("sample rate " + sampleRate + " must be > 0");
    }
    samples = samples.clone();
  }

  @Override
  public double[] samples() {
    return samples.clone();
  }

  int length() {
    return samples.length;
  }

  double sample(int i) {
    return samples[i];
  }

  /** Seconds from {@code zero} to sample {@code i}. */
  double secondsFrom(Instant zero, int i) {
    return Duration.between(zero, start).toNanos() / 1e9 + i / sampleRate;
  }

  /** Time one sample period after the last sample. */
  Instant end() {
    return start.plusNanos(Math.round(samples.length * 1e9 / sampleRate));
  }
}
