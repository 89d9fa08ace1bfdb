package org.seiswatch.detector.magnitude;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;
import org.seiswatch.detector.internal.DataTime;

/**
 * The recent amplitude summaries of one station, as the associator keeps them in its own store (one
 * small value per station, so an amplitude arriving rewrites neither the associator's state nor the
 * other stations'). Blocks without a peak (filter warm-up) that are not clipped are not kept.
 */
public final class AmplitudeHistory {
  public static final Serde<AmplitudeHistory> SERDE = new HistorySerde();

  /** Never kept longer than this behind the station's newest block, seconds. */
  public static final double MAX_AGE_SECONDS = 600;

  private final String station;
  private final List<AmplitudeSummary> blocks;

  public AmplitudeHistory(String station) {
    this(station, new ArrayList<>());
  }

  private AmplitudeHistory(String station, List<AmplitudeSummary> blocks) {
    this.station = station;
    this.blocks = blocks;
  }

  public String station() {
    return station;
  }

  /** The kept blocks, oldest first (live view; callers must not modify it). */
  public List<AmplitudeSummary> blocks() {
    return blocks;
  }

  /**
   * Adds a block and drops those that end before {@code keepFrom} or more than {@link
   * #MAX_AGE_SECONDS} before it.
   */
  public void add(AmplitudeSummary a, long keepFrom) {
    if (a.peakMm() > 0 || a.clipped()) {
      blocks.add(a);
    }
    long from = Math.max(keepFrom, a.endNanos() - DataTime.seconds(MAX_AGE_SECONDS));
    blocks.removeIf(b -> b.endNanos() < from);
  }

  private static final class HistorySerde implements Serde<AmplitudeHistory> {
    private static final int VERSION = 1;

    @Override
    public Serializer<AmplitudeHistory> serializer() {
      return (topic, h) -> {
        if (h == null) {
          return null;
        }
        BinaryWriter w = new BinaryWriter().writeByte(VERSION).writeString(h.station);
        w.writeInt(h.blocks.size());
        for (AmplitudeSummary a : h.blocks) {
          w.writeString(a.channel())
              .writeLong(a.startNanos())
              .writeLong(a.endNanos())
              .writeDouble(a.peakMm())
              .writeLong(a.peakNanos())
              .writeBoolean(a.clipped());
        }
        return w.toByteArray();
      };
    }

    @Override
    public Deserializer<AmplitudeHistory> deserializer() {
      return (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        BinaryReader r = new BinaryReader(bytes);
        r.expectVersion(VERSION, "amplitude history");
        String station = r.readString();
        int n = r.readLength(37);
        List<AmplitudeSummary> blocks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          blocks.add(
              new AmplitudeSummary(
                  station,
                  r.readString(),
                  r.readLong(),
                  r.readLong(),
                  r.readDouble(),
                  r.readLong(),
                  r.readBoolean()));
        }
        return new AmplitudeHistory(station, blocks);
      };
    }
  }
}
