package org.seiswatch.detector.picker;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;
import org.seiswatch.detector.internal.DataTime;

/**
 * Picker state of one vertical channel, kept in the picker store between records: filter memory,
 * STA and LTA, trigger state, a pick waiting for its refinement window, and the last few seconds of
 * filtered samples. {@link #SERDE} gives its binary form.
 */
public final class StaLtaState {
  public static final Serde<StaLtaState> SERDE = new StateSerde();

  double sampleRate;
  long expectedNext = DataTime.NONE;
  double offset;
  double[] filter = new double[ButterworthBandpass.STATE_SIZE];
  double sta;
  double lta;
  long samples;
  boolean triggered;
  long lastPickTrigger = DataTime.NONE;
  long pendingTrigger = DataTime.NONE;
  int pendingRemaining;
  double pendingRatio;
  double pendingPeak;
  double[] ring = new double[0];

  /** Forgets the signal history (after a gap or a sample-rate change); keeps re-trigger memory. */
  void reset(double rate, int ringSize) {
    sampleRate = rate;
    expectedNext = DataTime.NONE;
    offset = 0;
    filter = new double[ButterworthBandpass.STATE_SIZE];
    sta = 0;
    lta = 0;
    samples = 0;
    triggered = false;
    pendingTrigger = DataTime.NONE;
    ring = new double[ringSize];
  }

  public long samples() {
    return samples;
  }

  private static final class StateSerde implements Serde<StaLtaState> {
    private static final int VERSION = 1;

    @Override
    public Serializer<StaLtaState> serializer() {
      return (topic, s) ->
          s == null
              ? null
              : new BinaryWriter()
                  .writeByte(VERSION)
                  .writeDouble(s.sampleRate)
                  .writeLong(s.expectedNext)
                  .writeDouble(s.offset)
                  .writeDoubles(s.filter)
                  .writeDouble(s.sta)
                  .writeDouble(s.lta)
                  .writeLong(s.samples)
                  .writeBoolean(s.triggered)
                  .writeLong(s.lastPickTrigger)
                  .writeLong(s.pendingTrigger)
                  .writeInt(s.pendingRemaining)
                  .writeDouble(s.pendingRatio)
                  .writeDouble(s.pendingPeak)
                  .writeDoubles(s.ring)
                  .toByteArray();
    }

    @Override
    public Deserializer<StaLtaState> deserializer() {
      return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private static StaLtaState read(byte[] bytes) {
      BinaryReader r = new BinaryReader(bytes);
      r.expectVersion(VERSION, "picker state");
      StaLtaState s = new StaLtaState();
      s.sampleRate = r.readDouble();
      s.expectedNext = r.readLong();
      s.offset = r.readDouble();
      s.filter = r.readDoubles();
      s.sta = r.readDouble();
      s.lta = r.readDouble();
      s.samples = r.readLong();
      s.triggered = r.readBoolean();
      s.lastPickTrigger = r.readLong();
      s.pendingTrigger = r.readLong();
      s.pendingRemaining = r.readInt();
      s.pendingRatio = r.readDouble();
      s.pendingPeak = r.readDouble();
      s.ring = r.readDoubles();
      return s;
    }
  }
}
