package org.seiswatch.ingest.seedlink;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.ingest.internal.FeedCounts;

/**
 * Per-station feed state for {@code seis.health}: the counters of {@link FeedCounts} and the
 * latency of each station's last packet. One thread.
 */
final class StationTracker {
  /** A station with no packet for this long is reported silent. */
  static final Duration SILENT = Duration.ofMinutes(1);

  private final FeedCounts counts = new FeedCounts();

  /** Per station: wall time of its last packet − end of that packet's data, seconds. */
  private final Map<String, Double> latencies = new HashMap<>();

  void record(MiniSeedRecord record, Instant now) {
    counts.record(record, now);
    latencies.put(
        record.streamId().stationKey(),
        Duration.between(record.nextStartTime(), now).toMillis() / 1000.0);
  }

  /** Latency of the last packet of {@code station} ({@code NET.STA}) in seconds, NaN if none. */
  double latencySeconds(String station) {
    return latencies.getOrDefault(station, Double.NaN);
  }

  List<StationHealth> snapshot(Instant now) {
    return counts.stations().entrySet().stream()
        .map(
            e -> {
              FeedCounts.Station s = e.getValue();
              boolean silent = Duration.between(s.lastPacket(), now).compareTo(SILENT) > 0;
              return new StationHealth(
                  e.getKey(),
                  now,
                  s.lastPacket(),
                  s.lastSample(),
                  latencySeconds(e.getKey()),
                  s.gaps(),
                  s.packets(),
                  silent ? "silent since " + s.lastPacket() : "ok");
            })
        .toList();
  }
}
