package org.seiswatch.detector.associator;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.seiswatch.common.json.JsonSerde;
import org.seiswatch.common.model.Pick;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;
import org.seiswatch.detector.magnitude.AmplitudeSummary;

/**
 * What the picker and the amplitude processor send the associator through the region repartition
 * topic: a pick, a progress mark saying that a station will send no more picks with an onset before
 * {@code settledNanos}, or the Wood-Anderson amplitude of one block of a horizontal channel (for
 * the local magnitude). The marks let the associator release picks in time order only once every
 * station has passed them, whatever the thread timing across partitions.
 *
 * <p>Wire format ({@link #SERDE}): one kind byte, then 1 = pick (its JSON message), 2 = progress
 * (station, settled nanos), 3 = amplitude (station, channel, start, end, peak mm, peak time,
 * clipped). Kinds 1 and 2 are unchanged from before amplitudes existed.
 *
 * @param amplitude set only on an amplitude input
 */
public record AssociatorInput(
    Pick pick, String station, long settledNanos, AmplitudeSummary amplitude) {
  public static final Serde<AssociatorInput> SERDE = new InputSerde();

  public AssociatorInput(Pick pick, String station, long settledNanos) {
    this(pick, station, settledNanos, null);
  }

  public static AssociatorInput of(Pick pick) {
    return new AssociatorInput(pick, pick.stationKey(), Long.MIN_VALUE);
  }

  public static AssociatorInput progress(String station, long settledNanos) {
    return new AssociatorInput(null, station, settledNanos);
  }

  public static AssociatorInput amplitude(AmplitudeSummary amplitude) {
    return new AssociatorInput(null, amplitude.station(), Long.MIN_VALUE, amplitude);
  }

  public boolean isPick() {
    return pick != null;
  }

  public boolean isAmplitude() {
    return amplitude != null;
  }

  /** Whether this is a progress mark. */
  public boolean isProgress() {
    return pick == null && amplitude == null;
  }

  private static final class InputSerde implements Serde<AssociatorInput> {
    private static final JsonSerde<Pick> PICKS = new JsonSerde<>(Pick.class);
    private static final int PICK = 1;
    private static final int PROGRESS = 2;
    private static final int AMPLITUDE = 3;

    @Override
    public Serializer<AssociatorInput> serializer() {
      return (topic, in) -> {
        if (in == null) {
          return null;
        }
        BinaryWriter w = new BinaryWriter();
        if (in.isPick()) {
          w.writeByte(PICK).writeBytes(PICKS.toBytes(in.pick));
        } else if (in.isAmplitude()) {
          AmplitudeSummary a = in.amplitude;
          w.writeByte(AMPLITUDE)
              .writeString(a.station())
              .writeString(a.channel())
              .writeLong(a.startNanos())
              .writeLong(a.endNanos())
              .writeDouble(a.peakMm())
              .writeLong(a.peakNanos())
              .writeBoolean(a.clipped());
        } else {
          w.writeByte(PROGRESS).writeString(in.station).writeLong(in.settledNanos);
        }
        return w.toByteArray();
      };
    }

    @Override
    public Deserializer<AssociatorInput> deserializer() {
      return (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        BinaryReader r = new BinaryReader(bytes);
        int kind = r.readByte();
        if (kind == PICK) {
          return of(PICKS.fromBytes(r.readBytes()));
        }
        if (kind == PROGRESS) {
          return progress(r.readString(), r.readLong());
        }
        if (kind == AMPLITUDE) {
          return amplitude(
              new AmplitudeSummary(
                  r.readString(),
                  r.readString(),
                  r.readLong(),
                  r.readLong(),
                  r.readDouble(),
                  r.readLong(),
                  r.readBoolean()));
        }
        throw new SerializationException("unknown associator input kind " + kind);
      };
    }
  }
}
