package org.seiswatch.detector.associator;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.seiswatch.common.json.JsonSerde;
import org.seiswatch.common.model.Pick;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;

/**
 * What the picker sends the associator through the region repartition topic: a pick, or a progress
 * mark saying that a station will send no more picks with an onset before {@code settledNanos}. The
 * marks let the associator release picks in time order only once every station has passed them,
 * whatever the thread timing across partitions.
 */
public record AssociatorInput(Pick pick, String station, long settledNanos) {
  public static final Serde<AssociatorInput> SERDE = new InputSerde();

  public static AssociatorInput of(Pick pick) {
    return new AssociatorInput(pick, pick.stationKey(), Long.MIN_VALUE);
  }

  public static AssociatorInput progress(String station, long settledNanos) {
    return new AssociatorInput(null, station, settledNanos);
  }

  public boolean isPick() {
    return pick != null;
  }

  private static final class InputSerde implements Serde<AssociatorInput> {
    private static final JsonSerde<Pick> PICKS = new JsonSerde<>(Pick.class);
    private static final int PICK = 1;
    private static final int PROGRESS = 2;

    @Override
    public Serializer<AssociatorInput> serializer() {
      return (topic, in) -> {
        if (in == null) {
          return null;
        }
        BinaryWriter w = new BinaryWriter();
        if (in.isPick()) {
          w.writeByte(PICK).writeBytes(PICKS.toBytes(in.pick));
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
        throw new SerializationException("unknown associator input kind " + kind);
      };
    }
  }
}
