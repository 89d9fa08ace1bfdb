package org.seiswatch.detector.phasenet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link PhaseNetProcessor} keeps per station ({@code NET.STA}): the state of each instrument
 * picked with PhaseNet, and per instrument or STA/LTA fallback channel the data time (epoch ns)
 * before which it will make no more picks; the station's progress mark is the earliest of them. Its
 * serde writes the station's header in {@value PhaseNetProcessor#STORE}: everything but the
 * stackers' raw samples and accumulators, which {@link PhaseNetStateStore} keeps in {@value
 * PhaseNetProcessor#SAMPLES_STORE}.
 */
public final class StationState {
  /**
   * 2: the stacker keeps its segment start (pick amplitudes); 3: raw samples and accumulators are
   * stored apart, pending samples as integers when they are; 4: per-instrument window phase; 5: the
   * stacker records its S centre level.
   */
  private static final int FORMAT = 5;

  private static final Logger LOG = LoggerFactory.getLogger(StationState.class);

  final Map<String, InstrumentState> instruments = new TreeMap<>();
  final Map<String, Long> settled = new TreeMap<>();

  /**
   * Per instrument, what of its open segment is in the samples store (not serialised: rebuilt by
   * {@link PhaseNetStateStore#load}).
   */
  final Map<String, PhaseNetStateStore.Segment> stored = new HashMap<>();

  /** Samples-store keys of this station to delete at the next save (not serialised). */
  final List<String> obsolete = new ArrayList<>();

  /** Earliest settled time over the station's instruments and channels. */
  long settledNanos() {
    long min = Long.MAX_VALUE;
    for (long t : settled.values()) {
      min = Math.min(min, t);
    }
    return min;
  }

  private static final ThreadLocal<BinaryWriter> WRITER =
      ThreadLocal.withInitial(() -> new BinaryWriter(16 * 1024));

  /** Binary serde (leading format byte); stackers need the model and stacking settings. */
  public static Serde<StationState> serde(ModelManifest manifest, StackSettings settings) {
    Serializer<StationState> serializer =
        (topic, st) -> {
          if (st == null) {
            return null;
          }
          // One buffer per thread, reused: written per record.
          BinaryWriter w = WRITER.get().reset();
          w.writeByte(FORMAT).writeInt(st.instruments.size());
          st.instruments.forEach(
              (key, inst) -> {
                w.writeString(key);
                inst.writeTo(w);
              });
          w.writeInt(st.settled.size());
          st.settled.forEach((key, t) -> w.writeString(key).writeLong(t));
          return w.toByteArray();
        };
    Deserializer<StationState> deserializer =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          if (bytes.length > 0 && bytes[0] < FORMAT) {
            // written by an older release: start the station afresh (a new segment, as after a
            // gap) rather than failing every later record of it
            LOG.warn(
                "phasenet station state of format {} (now {}): the station starts a new segment",
                bytes[0],
                FORMAT);
            return new StationState();
          }
          BinaryReader r = new BinaryReader(bytes);
          r.expectVersion(FORMAT, "phasenet station state");
          StationState st = new StationState();
          int n = r.readLength(4);
          for (int i = 0; i < n; i++) {
            st.instruments.put(r.readString(), InstrumentState.readFrom(r, manifest, settings));
          }
          int m = r.readLength(4);
          for (int i = 0; i < m; i++) {
            st.settled.put(r.readString(), r.readLong());
          }
          return st;
        };
    return org.apache.kafka.common.serialization.Serdes.serdeFrom(serializer, deserializer);
  }
}
