package org.seiswatch.ingest.replay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.common.mseed.MiniSeedRecord;

class ReplayHealthTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:10Z");

  private static MiniSeedRecord record(String stream, Instant start, int samples) {
    return new MiniSeedRecord(StreamId.parse(stream), start, 100, samples, 2, 11, new byte[512]);
  }

  @Test
  void shouldReportLatencyAndGapsWhenDataAreRecent() {
    ReplayHealth health = new ReplayHealth();
    Instant start = NOW.minusSeconds(20);
    health.record(record("XX.AAA..HHZ", start, 500), NOW.minusSeconds(3));
    health.record(record("XX.AAA..HHZ", start.plusSeconds(5), 500), NOW.minusSeconds(2));
    // 2 s missing after the second record: one gap.
    health.record(record("XX.AAA..HHZ", start.plusSeconds(12), 500), NOW.minusSeconds(1));

    List<StationHealth> snapshot = health.snapshot(NOW);

    StationHealth aaa = snapshot.get(0);
    assertEquals("XX.AAA", aaa.station());
    assertEquals(NOW.minusSeconds(1), aaa.lastPacket());
    assertEquals(start.plusSeconds(17), aaa.lastSampleTime());
    assertEquals(2.0, aaa.latencySeconds(), 1e-9);
    assertEquals(1, aaa.gaps());
    assertEquals(3, aaa.packets());
    assertEquals(ReplayHealth.REAL_TIME_STATUS, aaa.status());
  }

  @Test
  void shouldLeaveLatencyOutAndSaySoWhenDataAreArchived() {
    ReplayHealth health = new ReplayHealth();
    Instant old = Instant.parse("2019-04-14T03:09:00Z");
    health.record(record("HV.HUAD..HHZ", old, 500), NOW);
    health.record(record("HV.AHUD..HHZ", old, 500), NOW);

    List<StationHealth> snapshot = health.snapshot(NOW);

    assertEquals(
        List.of("HV.AHUD", "HV.HUAD"), snapshot.stream().map(StationHealth::station).toList());
    assertNull(snapshot.get(1).latencySeconds());
    assertEquals(ReplayHealth.ARCHIVE_STATUS, snapshot.get(1).status());
    assertEquals(NOW, snapshot.get(1).reportedAt());
  }
}
