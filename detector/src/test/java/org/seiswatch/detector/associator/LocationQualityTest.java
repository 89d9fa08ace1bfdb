package org.seiswatch.detector.associator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Hypocenter;
import org.seiswatch.common.model.LocationQuality;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Site;

class LocationQualityTest {
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  @ParameterizedTest(name = "{0} stations, gap {1}, rms {2}, erh {3}, erz {4} -> {5}")
  @CsvSource({
    "8, 60, 0.10, 0.5, 1.0, A",
    "8, 120, 0.10, 0.5, 1.0, B",
    "8, 60, 0.25, 2.0, 4.0, B",
    "5, 60, 0.10, 0.5, 1.0, C",
    "4, 170, 0.40, 4.0, 9.0, C",
    "4, 200, 0.10, 0.5, 1.0, D",
    "8, 60, 0.80, 0.5, 1.0, D",
    "3, 60, 0.10, 0.5, 1.0, D"
  })
  void shouldGradeTheWorseOfSolutionAndStationDistributionWhenGivenAnEvent(
      int stations, double gap, double rms, double erh, double erz, char expected) {
    List<Pick> picks = new ArrayList<>();
    for (int i = 0; i < stations; i++) {
      for (Phase phase : Phase.values()) {
        picks.add(
            new Pick(
                "p" + i + phase,
                new Site("S" + i, "HHZ", "XX", ""),
                null,
                T,
                phase,
                "test",
                null,
                null,
                null));
      }
    }
    Detection d =
        new Detection(
            "sw1",
            1,
            null,
            new Hypocenter(0, 0, 10, T, erh, erh / 2, erz, 0.1),
            DetectionType.NEW,
            T,
            "seiswatch",
            1.0,
            rms,
            gap,
            picks);

    LocationQuality q = LocationQuality.of(d);

    assertEquals(expected, q.code());
    assertEquals(stations, q.pCount());
    assertEquals(stations, q.sCount());
    assertEquals(stations, q.stations());
  }
}
