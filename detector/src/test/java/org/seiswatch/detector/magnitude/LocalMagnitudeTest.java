package org.seiswatch.detector.magnitude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Magnitude;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Site;
import org.seiswatch.common.model.Station;
import org.seiswatch.detector.internal.DataTime;

/**
 * Stations on the surface 0.9° north of a 0 km deep source (about 100 km), P at 15 s, S at 25 s:
 * the window is P .. S + 15 s. An amplitude of 1 mm there gives ML 3 + 1.110 log10(r/100) + 0.00189
 * (r − 100) with r the exact distance.
 */
class LocalMagnitudeTest {
  private static final long ORIGIN = DataTime.toNanos(Instant.parse("2020-01-01T00:00:00Z"));
  private static final LocalMagnitude.Hypocentre SOURCE =
      new LocalMagnitude.Hypocentre(0, 0, 0, ORIGIN);
  private static final LocalMagnitude.TravelTime TIMES = (phase, st) -> phase == Phase.P ? 15 : 25;

  private final LocalMagnitude ml = new LocalMagnitude(MagnitudeSettings.DEFAULTS);
  private final Map<String, Station> stations = new HashMap<>();
  private final Map<String, List<AmplitudeSummary>> amplitudes = new HashMap<>();
  private final List<Pick> picks = new ArrayList<>();

  private void station(String code, double lon, double mmE, double mmN, boolean clipped) {
    Station st = new Station("XX", code, 0.9, lon, 0, List.of());
    stations.put(st.key(), st);
    picks.add(
        new Pick(
            "XX." + code + "..HHZ.P",
            new Site(st.station(), "HHZ", st.network(), ""),
            null,
            DataTime.toInstant(ORIGIN + DataTime.seconds(15)),
            Phase.P,
            "test",
            null,
            null,
            null));
    amplitudes.put(
        st.key(),
        List.of(
            block(st.key(), ".HHE", 24, mmE, clipped),
            block(st.key(), ".HHN", 26, mmN, false),
            block(st.key(), ".HHN", 60, 1000, false))); // after the window: ignored
  }

  private static AmplitudeSummary block(
      String station, String channel, double peakS, double mm, boolean clipped) {
    long start = ORIGIN + DataTime.seconds(peakS - 1);
    return new AmplitudeSummary(
        station,
        channel,
        start,
        start + DataTime.seconds(2),
        mm,
        start + DataTime.seconds(1),
        clipped);
  }

  private Magnitude compute(long bound) {
    return ml.compute(SOURCE, picks, stations::get, amplitudes::get, TIMES, bound);
  }

  private static double expected(double mm, double lonDeg) {
    double r = org.seiswatch.common.geo.Geo.distanceKm(0, 0, 0.9, lonDeg);
    return MagnitudeSettings.DEFAULTS.ml(mm, r);
  }

  @Test
  void shouldTakeTheMedianOfStationMlsWhenThreeStationsAreClean() {
    station("A", 0, 1, 1, false);
    station("B", 0.1, 10, 10, false);
    station("C", -0.1, 2, 8, false); // geometric mean 4 mm
    Magnitude m = compute(ORIGIN + DataTime.seconds(100));
    assertEquals(Math.round(expected(4, -0.1) * 100) / 100.0, m.value());
    assertEquals("ML", m.type());
    assertEquals(3, m.stationCount());
    assertTrue(m.reliable(), m.reason());
    assertNull(m.reason());
  }

  @Test
  void shouldLeaveOutAClippedStationAndSayWhyWhenItsWindowHasAClippedBlock() {
    station("A", 0, 1, 1, false);
    station("B", 0.1, 10, 10, true);
    station("C", -0.1, 1, 1, false);
    Magnitude m = compute(ORIGIN + DataTime.seconds(100));
    assertEquals(2, m.stationCount());
    assertFalse(m.reliable());
    assertThat(m.reason()).contains("clipped (XX.B)").contains("only 2 station(s)");
    assertThat(m.stations()).anyMatch(s -> s.site().equals("XX.B") && !s.used());
  }

  @Test
  void shouldMarkTheWindowOpenWhenTheBoundIsBeforeItsEnd() {
    station("A", 0, 1, 1, false);
    station("B", 0.1, 1, 1, false);
    station("C", -0.1, 1, 1, false);
    Magnitude m = compute(ORIGIN + DataTime.seconds(30)); // window ends at 40 s
    assertFalse(m.reliable());
    assertThat(m.reason()).contains("window still open at 3 station(s)");
  }

  @Test
  void shouldGiveNoMagnitudeWhenNoAmplitudeHasEndedByTheBound() {
    station("A", 0, 1, 1, false);
    assertNull(compute(ORIGIN + DataTime.seconds(20)));
  }
}
