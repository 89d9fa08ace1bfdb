package org.seiswatch.ingest.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.seiswatch.common.mseed.MiniSeedRecord;

/**
 * Per-station feed counters for {@code seis.health} ({@code docs/formats/StationHealth.md}), kept
 * the same way by the SeedLink ingest and the replay: packets, gaps (a record starting more than
 * one and a half sample periods after the end of the previous record of its stream), the wall time
 * of the last packet and the end time of the newest data. Counters are cumulative since start. One
 * thread.
 */
public final class FeedCounts {
  /** One station's counters. */
  public static final class Station {
    private long packets;
    private long gaps;
    private Instant lastPacket;
    private Instant lastSample;

    public long packets() {
      return packets;
    }

    public long gaps() {
      return gaps;
    }

    public Instant lastPacket() {
      return lastPacket;
    }

    /** End time (start + samples / rate) of the newest data. */
    public Instant lastSample() {
      return lastSample;
    }
  }

  private final Map<String, Station> stations = new TreeMap<>();
  private final Map<String, Instant> streamEnds = new HashMap<>();

  /** Counts one record received (or sent) at wall time {@code now}; returns its station. */
  public Station record(MiniSeedRecord record, Instant now) {
    Station s = stations.computeIfAbsent(record.streamId().stationKey(), k -> new Station());
    s.packets++;
    String stream = record.streamId().toString();
    Instant expected = streamEnds.get(stream);
    Instant end = record.nextStartTime();
    if (expected != null && record.sampleRate() > 0) {
      Duration tolerance = MiniSeedRecord.samplesToDuration(3, record.sampleRate()).dividedBy(2);
      if (record.startTime().isAfter(expected.plus(tolerance))) {
        s.gaps++;
      }
    }
    streamEnds.merge(stream, end, (a, b) -> a.isAfter(b) ? a : b);
    s.lastPacket = now;
    if (s.lastSample == null || end.isAfter(s.lastSample)) {
      s.lastSample = end;
    }
    return s;
  }

  /** Every station that has had a record, by {@code NET.STA}, in station order (read-only). */
  public Map<String, Station> stations() {
    return Collections.unmodifiableMap(stations);
  }
}
