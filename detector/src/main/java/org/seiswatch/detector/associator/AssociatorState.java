package org.seiswatch.detector.associator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.seiswatch.common.json.JsonSerde;
import org.seiswatch.common.model.Pick;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;
import org.seiswatch.detector.internal.DataTime;

/**
 * Associator state of one region, kept in the associator store: each station's settled time, picks
 * waiting for release, released picks not (yet) in an event, and the recent events. {@link #SERDE}
 * gives its binary form (picks inside as their JSON message bytes).
 */
public final class AssociatorState {
  public static final Serde<AssociatorState> SERDE = new StateSerde();
  static final Comparator<Pick> PICK_ORDER =
      Comparator.comparing(Pick::time).thenComparing(Pick::id);

  long releasedUpTo = DataTime.NONE;
  final Map<String, Long> settled = new TreeMap<>();
  final List<Pick> pending = new ArrayList<>();
  final List<Pick> pool = new ArrayList<>();
  final List<EventState> events = new ArrayList<>();

  /** One event being built: its current hypocentre and its picks (one per station and phase). */
  static final class EventState {
    String id;
    int version;
    double latitude;
    double longitude;
    double depthKm;
    long originNanos;
    double rms;
    double horizontalErrorKm;
    double latitudeErrorKm;
    double longitudeErrorKm;
    double depthErrorKm;
    double timeErrorSeconds;
    boolean finalized;
    final List<Pick> picks = new ArrayList<>();

    /** Whether a pick of this station (NET.STA) and phase is in the event. */
    boolean hasSlot(String slot) {
      return picks.stream().anyMatch(p -> (p.stationKey() + "/" + p.phase()).equals(slot));
    }
  }

  public int pendingPicks() {
    return pending.size();
  }

  public int events() {
    return events.size();
  }

  private static final class StateSerde implements Serde<AssociatorState> {
    private static final int VERSION = 2;
    private static final JsonSerde<Pick> PICKS = new JsonSerde<>(Pick.class);

    @Override
    public Serializer<AssociatorState> serializer() {
      return (topic, s) -> s == null ? null : write(s);
    }

    @Override
    public Deserializer<AssociatorState> deserializer() {
      return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private static byte[] write(AssociatorState s) {
      BinaryWriter w = new BinaryWriter().writeByte(VERSION).writeLong(s.releasedUpTo);
      w.writeInt(s.settled.size());
      s.settled.forEach((station, t) -> w.writeString(station).writeLong(t));
      writePicks(w, s.pending);
      writePicks(w, s.pool);
      w.writeInt(s.events.size());
      for (EventState e : s.events) {
        w.writeString(e.id)
            .writeInt(e.version)
            .writeDouble(e.latitude)
            .writeDouble(e.longitude)
            .writeDouble(e.depthKm)
            .writeLong(e.originNanos)
            .writeDouble(e.rms)
            .writeDouble(e.horizontalErrorKm)
            .writeDouble(e.latitudeErrorKm)
            .writeDouble(e.longitudeErrorKm)
            .writeDouble(e.depthErrorKm)
            .writeDouble(e.timeErrorSeconds)
            .writeByte(e.finalized ? 1 : 0);
        writePicks(w, e.picks);
      }
      return w.toByteArray();
    }

    private static void writePicks(BinaryWriter w, List<Pick> picks) {
      w.writeInt(picks.size());
      for (Pick p : picks) {
        w.writeBytes(PICKS.toBytes(p));
      }
    }

    private static AssociatorState read(byte[] bytes) {
      BinaryReader r = new BinaryReader(bytes);
      r.expectVersion(VERSION, "associator state");
      AssociatorState s = new AssociatorState();
      s.releasedUpTo = r.readLong();
      int stations = r.readLength(12);
      for (int i = 0; i < stations; i++) {
        s.settled.put(r.readString(), r.readLong());
      }
      readPicks(r, s.pending);
      readPicks(r, s.pool);
      int events = r.readLength(64);
      for (int i = 0; i < events; i++) {
        EventState e = new EventState();
        e.id = r.readString();
        e.version = r.readInt();
        e.latitude = r.readDouble();
        e.longitude = r.readDouble();
        e.depthKm = r.readDouble();
        e.originNanos = r.readLong();
        e.rms = r.readDouble();
        e.horizontalErrorKm = r.readDouble();
        e.latitudeErrorKm = r.readDouble();
        e.longitudeErrorKm = r.readDouble();
        e.depthErrorKm = r.readDouble();
        e.timeErrorSeconds = r.readDouble();
        e.finalized = r.readByte() == 1;
        readPicks(r, e.picks);
        s.events.add(e);
      }
      return s;
    }

    private static void readPicks(BinaryReader r, List<Pick> into) {
      int n = r.readLength(4);
      for (int i = 0; i < n; i++) {
        into.add(PICKS.fromBytes(r.readBytes()));
      }
    }
  }
}
