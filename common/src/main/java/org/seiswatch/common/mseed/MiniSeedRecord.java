package org.seiswatch.common.mseed;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.seiswatch.common.model.StreamId;

/**
 * One parsed and checked miniSEED record (format version 2 or 3), keeping the exact bytes it was
 * parsed from. Obtain one with {@link MiniSeed#parse(byte[])}; decode its samples with {@link
 * MiniSeed#decode}.
 *
 * @param startTime time of the first sample, time correction and microseconds applied
 * @param encoding SEED data encoding code (10 = Steim-1, 11 = Steim-2, 3 = int32, ...)
 */
public record MiniSeedRecord(
    StreamId streamId,
    Instant startTime,
    double sampleRate,
    int sampleCount,
    int formatVersion,
    int encoding,
    byte[] bytes) {

  public MiniSeedRecord {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(startTime, "startTime");
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** Time one sample period after the last sample: where the next contiguous record starts. */
  public Instant nextStartTime() {
    return sampleRate > 0 ? startTime.plus(samplesToDuration(sampleCount, sampleRate)) : startTime;
  }

  /** Duration of {@code samples} sample periods at {@code rate} Hz, to the nanosecond. */
  public static Duration samplesToDuration(long samples, double rate) {
    return Duration.ofNanos(Math.round(samples * 1e9 / rate));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MiniSeedRecord r && Arrays.equals(bytes, r.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "MiniSeedRecord["
        + streamId
        + " "
        + startTime
        + " "
        + sampleCount
        + " samples @ "
        + sampleRate
        + " Hz, v"
        + formatVersion
        + ", "
        + bytes.length
        + " bytes]";
  }
}
