package org.seiswatch.ingest.replay.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.ingest.internal.FeedCounts;

/**
 * Per-station feed state of a replay for {@code seis.health} ({@code
 * docs/formats/StationHealth.md}), counted by {@link FeedCounts} as the SeedLink ingest counts
 * them.
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

  private final FeedCounts counts = new FeedCounts();

  /** Counts one record sent at wall time {@code now}. */
  public void record(MiniSeedRecord record, Instant now) {
    counts.record(record, now);
  }

  /** One snapshot per station that has sent a record, in station order. */
  public List<StationHealth> snapshot(Instant now) {
    return counts.stations().entrySet().stream()
        .map(
            e -> {
              FeedCounts.Station s = e.getValue();
              boolean realTime =
                  Duration.between(s.lastSample(), now).abs().compareTo(REAL_TIME) <= 0;
              Double latency =
                  realTime
                      ? Duration.between(s.lastSample(), s.lastPacket()).toMillis() / 1000.0
                      : null;
              return new StationHealth(
                  e.getKey(),
                  now,
                  s.lastPacket(),
                  s.lastSample(),
                  latency,
                  s.gaps(),
                  s.packets(),
                  realTime ? REAL_TIME_STATUS : ARCHIVE_STATUS);
            })
        .toList();
  }
}
