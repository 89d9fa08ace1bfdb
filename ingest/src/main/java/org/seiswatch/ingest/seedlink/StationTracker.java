package org.seiswatch.ingest.seedlink;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.mseed.MiniSeedRecord;

/**
 * Per-station feed state for {@code seis.health}: packets, gaps (a record starting more than one
 * and a half sample periods after the end of the previous record of its stream), the wall time of
 * the last packet and the time of its last sample. Counters are cumulative since start, as {@code
 * docs/formats/StationHealth.md} asks. One thread.
 */
final class StationTracker {
  /** A station with no packet for this long is reported silent. */
  static final Duration SILENT = Duration.ofMinutes(1);

  private static final class State {
    long packets;
    long gaps;
    Instant lastPacket;
    Instant lastSample;
    double latencySeconds = Double.NaN;
  }

  private final Map<String, State> stations = new TreeMap<>();
  private final Map<String, Instant> streamEnds = new HashMap<>();

  void record(MiniSeedRecord record, Instant now) {
    String station = record.streamId().stationKey();
    State s = stations.computeIfAbsent(station, k -> new State());
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
    s.latencySeconds = Duration.between(end, now).toMillis() / 1000.0;
  }

  /** Latency of the last packet of {@code station} ({@code NET.STA}) in seconds, NaN if none. */
  double latencySeconds(String station) {
    State s = stations.get(station);
    return s == null ? Double.NaN : s.latencySeconds;
  }

  List<StationHealth> snapshot(Instant now) {
    return stations.entrySet().stream()
        .map(
            e -> {
              State s = e.getValue();
              boolean silent = Duration.between(s.lastPacket, now).compareTo(SILENT) > 0;
              return new StationHealth(
                  e.getKey(),
                  now,
                  s.lastPacket,
                  s.lastSample,
                  s.latencySeconds,
                  s.gaps,
                  s.packets,
                  silent ? "silent since " + s.lastPacket : "ok");
            })
        .toList();
  }
}
