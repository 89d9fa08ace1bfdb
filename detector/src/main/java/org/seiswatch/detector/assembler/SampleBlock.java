package org.seiswatch.detector.assembler;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.detector.internal.DataTime;

/**
 * A run of contiguous samples of one channel, as the assembler forwards it: in order, without
 * duplicates. A block that does not start where the previous block of the same channel ended
 * follows a gap.
 *
 * @param startNanos data time of the first sample, epoch nanoseconds
 */
public record SampleBlock(StreamId streamId, long startNanos, double sampleRate, double[] samples)
    implements AssemblerOutput {

  public SampleBlock {
    Objects.requireNonNull(streamId, "streamId");
    if (!(sampleRate > 0)) {
      throw new IllegalArgumentException(streamId + ": sample rate " + sampleRate);
    }
    samples = samples.clone();
  }

  @Override
  public double[] samples() {
    return samples.clone();
  }

  /** Read-only use inside this module's hot loops; callers must not modify it. */
  double[] samplesView() {
    return samples;
  }

  public int size() {
    return samples.length;
  }

  public double sample(int index) {
    return samples[index];
  }

  /** Data time of sample {@code index}. */
  public long timeOf(int index) {
    return startNanos + DataTime.sampleOffset(index, sampleRate);
  }

  /** Data time one sample period after the last sample. */
  public long endNanos() {
    return timeOf(samples.length);
  }

  public Instant startTime() {
    return DataTime.toInstant(startNanos);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SampleBlock b
        && streamId.equals(b.streamId)
        && startNanos == b.startNanos
        && sampleRate == b.sampleRate
        && Arrays.equals(samples, b.samples);
  }

  @Override
  public int hashCode() {
    return Objects.hash(streamId, startNanos, sampleRate, Arrays.hashCode(samples));
  }

  @Override
  public String toString() {
    return "SampleBlock["
        + streamId
        + " "
        + startTime()
        + " "
        + samples.length
        + " @ "
        + sampleRate
        + " Hz]";
  }
}
