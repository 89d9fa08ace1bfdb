package org.seiswatch.ingest.replay.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.mseed.MiniSeedRecord;

/**
 * Per-station feed state of a replay for {@code seis.health} ({@code
 * docs/formats/StationHealth.md}), counted like the SeedLink ingest does: packets, gaps (a record
 * starting more than one and a half sample periods after the end of the previous record of its
 * stream), the wall time of the last packet sent and the end time of the newest data.
 *
 * <p>Latency (wall time of the last packet − end of the newest data) only means something when the
 * data are recent: it is reported when the newest data end within {@link #REAL_TIME} of the wall
 * clock. An archive replay (the 2019 demo event) has no latency; its status says so. One thread.
 */
public final class ReplayHealth {
  /** Data ending within this much of the wall clock count as real-time data. */
  public static final Duration REAL_TIME = Duration.ofHours(1);

  /** Status of a station whose replayed data are recent. */
  public static final String REAL_TIME_STATUS = "replay";

  /** Status of a station whose replayed data are archive data (no latency). */
  public static final String ARCHIVE_STATUS = "replay of archive data: latency not measured";

  private static final class State {
    long packets;
    long gaps;
    Instant lastPacket;
    Instant lastSample;
  }

  private final Map<String, State> stations = new TreeMap<>();
  private final Map<String, Instant> streamEnds = new HashMap<>();

  /** Counts one record sent at wall time {@code now}. */
  public void record(MiniSeedRecord record, Instant now) {
    State s = stations.computeIfAbsent(record.streamId().stationKey(), k -> new State());
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
  }

  /** One snapshot per station that has sent a record, in station order. */
  public List<StationHealth> snapshot(Instant now) {
    return stations.entrySet().stream()
        .map(
            e -> {
              State s = e.getValue();
              boolean realTime =
                  Duration.between(s.lastSample, now).abs().compareTo(REAL_TIME) <= 0;
              Double latency =
                  realTime
                      ? Duration.between(s.lastSample, s.lastPacket).toMillis() / 1000.0
                      : null;
              return new StationHealth(
                  e.getKey(),
                  now,
                  s.lastPacket,
                  s.lastSample,
                  latency,
                  s.gaps,
                  s.packets,
                  realTime ? REAL_TIME_STATUS : ARCHIVE_STATUS);
            })
        .toList();
  }
}
