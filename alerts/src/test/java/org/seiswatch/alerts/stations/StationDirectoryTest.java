package org.seiswatch.alerts.stations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.model.StationHealth;

class StationDirectoryTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
  private static final Duration LATE = Duration.ofSeconds(30);
  private static final Duration SILENT = Duration.ofSeconds(60);

  private final StationDirectory directory = new StationDirectory(LATE, SILENT);

  private static Station station(String code) {
    return new Station(
        "HV",
        code,
        19.68,
        -155.83,
        2204,
        List.of(new Channel("", "HHZ", 100, 0, -90, 7.5e8, 0.5, "M/S")));
  }

  private static StationHealth health(
      String station, Instant reported, Instant lastPacket, Double latency) {
    return new StationHealth(station, reported, lastPacket, lastPacket, latency, 2, 40, "ok");
  }

  @Test
  void shouldDeriveEachStateFromLatencyAndLastPacketWhenThresholdsAreCrossed() {
    assertEquals(StationState.UNKNOWN, StationState.of(null, NOW, LATE, SILENT));
    assertEquals(
        StationState.UNKNOWN, StationState.of(health("HV.A", NOW, null, null), NOW, LATE, SILENT));
    assertEquals(
        StationState.OK,
        StationState.of(health("HV.A", NOW, NOW.minusSeconds(5), 2.0), NOW, LATE, SILENT));
    assertEquals(
        StationState.OK,
        StationState.of(health("HV.A", NOW, NOW.minusSeconds(5), null), NOW, LATE, SILENT));
    assertEquals(
        StationState.LATE,
        StationState.of(health("HV.A", NOW, NOW.minusSeconds(5), 30.5), NOW, LATE, SILENT));
    assertEquals(
        StationState.SILENT,
        StationState.of(health("HV.A", NOW, NOW.minusSeconds(61), 30.5), NOW, LATE, SILENT));
  }

  @Test
  void shouldJoinMetadataAndNewestHealthPerStationWhenBothArrive() {
    directory.put(station("HUAD"));
    directory.put(station("AHUD"));
    directory.put("HV.HUAD", health("HV.HUAD", NOW.minusSeconds(10), NOW.minusSeconds(10), 40.0));
    directory.put("HV.HUAD", health("HV.HUAD", NOW.minusSeconds(5), NOW.minusSeconds(5), 1.5));
    // An older snapshot arriving late does not replace the newer one.
    directory.put("HV.HUAD", health("HV.HUAD", NOW.minusSeconds(20), NOW.minusSeconds(20), 50.0));
    directory.put("XX.ONLY", health("XX.ONLY", NOW, NOW.minusSeconds(100), null));

    List<StationStatus> all = directory.snapshot(NOW);

    assertEquals(
        List.of("HV.AHUD", "HV.HUAD", "XX.ONLY"), all.stream().map(StationStatus::code).toList());
    StationStatus ahud = all.get(0);
    assertEquals(StationState.UNKNOWN, ahud.state());
    assertNull(ahud.latencySeconds());
    StationStatus huad = all.get(1);
    assertEquals(StationState.OK, huad.state());
    assertEquals(1.5, huad.latencySeconds());
    assertEquals(19.68, huad.latitude());
    assertEquals(List.of(".HHZ"), huad.channels());
    assertEquals(NOW.minusSeconds(5), huad.lastPacket());
    StationStatus only = all.get(2);
    assertEquals(StationState.SILENT, only.state());
    assertEquals("XX", only.network());
    assertEquals("ONLY", only.station());
    assertNull(only.latitude());
  }

  @Test
  void shouldDropTheMetadataWhenTheStationIsRemoved() {
    directory.put(station("HUAD"));

    directory.remove("HV.HUAD");

    assertEquals(List.of(), directory.snapshot(NOW));
  }
}
