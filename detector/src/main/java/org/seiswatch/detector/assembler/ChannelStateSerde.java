package org.seiswatch.detector.assembler;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;

/** Binary serde of {@link ChannelState} for the assembler store and its changelog. */
public final class ChannelStateSerde implements Serde<ChannelState> {
  private static final int VERSION = 1;

  public static byte[] toBytes(ChannelState state) {
    BinaryWriter w =
        new BinaryWriter()
            .writeByte(VERSION)
            .writeDouble(state.sampleRate)
            .writeLong(state.expectedNext)
            .writeLong(state.newestEnd)
            .writeLong(state.gaps)
            .writeLong(state.duplicates)
            .writeInt(state.held.size());
    for (ChannelState.Held h : state.held) {
      w.writeLong(h.start()).writeLong(h.end()).writeBytes(h.bytes());
    }
    return w.toByteArray();
  }

  public static ChannelState fromBytes(byte[] bytes) {
    BinaryReader r = new BinaryReader(bytes);
    r.expectVersion(VERSION, "assembler channel state");
    ChannelState state = new ChannelState();
    state.sampleRate = r.readDouble();
    state.expectedNext = r.readLong();
    state.newestEnd = r.readLong();
    state.gaps = r.readLong();
    state.duplicates = r.readLong();
    int n = r.readLength(20);
    for (int i = 0; i < n; i++) {
      state.held.add(new ChannelState.Held(r.readLong(), r.readLong(), r.readBytes()));
    }
    return state;
  }

  @Override
  public Serializer<ChannelState> serializer() {
    return (topic, state) -> state == null ? null : toBytes(state);
  }

  @Override
  public Deserializer<ChannelState> deserializer() {
    return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
  }
}
