package org.seiswatch.ingest.seedlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.common.mseed.MiniSeedRecord;

class StationTrackerTest {
  private static final StreamId HHZ = new StreamId("HV", "HUAD", "", "HHZ");
  private static final Instant T0 = Instant.parse("2019-04-14T03:08:32Z");

  private static MiniSeedRecord record(Instant start, int samples) {
    return new MiniSeedRecord(HHZ, start, 100.0, samples, 2, 11, new byte[0]);
  }

  @Test
  void shouldCountPacketsAndGapsWhenRecordsArrive() {
    StationTracker tracker = new StationTracker();
    Instant now = T0.plusSeconds(100);
    tracker.record(record(T0, 100), now);
    tracker.record(record(T0.plusSeconds(1), 100), now);
    tracker.record(record(T0.plusSeconds(5), 100), now);
    List<StationHealth> health = tracker.snapshot(now);
    assertEquals(1, health.size());
    StationHealth h = health.get(0);
    assertEquals("HV.HUAD", h.station());
    assertEquals(3, h.packets());
    assertEquals(1, h.gaps());
    assertEquals(T0.plusSeconds(6), h.lastSampleTime());
    assertEquals(94.0, h.latencySeconds(), 1e-9);
    assertEquals("ok", h.status());
  }

  @Test
  void shouldReportSilentWhenNoPacketForAMinute() {
    StationTracker tracker = new StationTracker();
    tracker.record(record(T0, 100), T0);
    assertEquals("silent since " + T0, tracker.snapshot(T0.plusSeconds(61)).get(0).status());
  }
}
