package org.seiswatch.detector.magnitude;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;

/**
 * Streaming state of one channel's {@link SimulationFilter}, kept in the {@value
 * AmplitudeProcessor#STORE} store: the section states, the offset subtracted from the counts (the
 * first sample of the segment, so that the filter starts at rest whatever the DC level), where the
 * next block must start to continue the segment, and how many samples the segment has had
 * (warm-up).
 */
public final class FilterState {
  public static final Serde<FilterState> SERDE = new StateSerde();

  double[] sections;
  double offset;
  long nextNanos;
  long samples;

  FilterState(int sectionCount) {
    this.sections = new double[2 * sectionCount];
  }

  /** Starts a new segment at a block whose first sample is {@code first}. */
  void restart(int sectionCount, double first) {
    sections = new double[2 * sectionCount];
    offset = first;
    samples = 0;
  }

  private static final class StateSerde implements Serde<FilterState> {
    private static final int VERSION = 1;

    @Override
    public Serializer<FilterState> serializer() {
      return (topic, s) ->
          s == null
              ? null
              : new BinaryWriter()
                  .writeByte(VERSION)
                  .writeDoubles(s.sections)
                  .writeDouble(s.offset)
                  .writeLong(s.nextNanos)
                  .writeLong(s.samples)
                  .toByteArray();
    }

    @Override
    public Deserializer<FilterState> deserializer() {
      return (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        BinaryReader r = new BinaryReader(bytes);
        r.expectVersion(VERSION, "magnitude filter state");
        FilterState s = new FilterState(0);
        s.sections = r.readDoubles();
        s.offset = r.readDouble();
        s.nextNanos = r.readLong();
        s.samples = r.readLong();
        return s;
      };
    }
  }
}
