package org.seiswatch.detector.associator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Pick;
import org.seiswatch.detector.DetectorConfig;
import org.seiswatch.detector.associator.bench.SyntheticCatalog;
import org.seiswatch.detector.internal.DataTime;

/**
 * One picker thread falling behind: three stations' picks are all processed (the associator flushed
 * them, as after an idle wall-clock spell) before the other stations' picks of the same event
 * arrive.
 */
class LatePicksTest {
  private static final TravelTimes TIMES =
      new LayeredTravelTimes(
          VelocityModel.parse(DetectorConfig.DEFAULT_VELOCITY_MODEL), 1.75, 500, 0, 60);

  @Test
  void shouldMakeTheEventFromPicksThatArriveAfterLaterPicksWereProcessed() {
    List<Detection> standing = run(AssociatorSettings.DEFAULT_MAX_LATENESS_SECONDS);

    assertEquals(1, standing.size());
    Detection event = standing.get(0);
    Set<String> stations = event.data().stream().map(Pick::stationKey).collect(Collectors.toSet());
    assertThat(stations).hasSizeGreaterThanOrEqualTo(10);
    assertEquals(DetectionType.FINAL, event.detectionType());
  }

  @Test
  void shouldDropPicksLaterThanTheAllowedLateness() {
    List<Detection> standing = run(0);

    assertThat(standing).isEmpty();
  }

  private static List<Detection> run(double maxLatenessSeconds) {
    long origin = DataTime.toNanos(SyntheticCatalog.START);
    SyntheticCatalog catalog =
        new SyntheticCatalog(5L, 12, 150).event(75, 75, 8, origin).picks(TIMES, 0, 0, 0, 0, 500);
    List<Pick> picks =
        catalog.picks.stream()
            .map(SyntheticCatalog.Labelled::pick)
            .sorted(AssociatorState.PICK_ORDER)
            .toList();
    // The three stations with the earliest P are processed to the end first (fewer than the five
    // stations an event needs), the rest only afterwards.
    Set<String> early =
        picks.stream().map(Pick::stationKey).distinct().limit(3).collect(Collectors.toSet());
    List<Pick> first = new ArrayList<>();
    List<Pick> rest = new ArrayList<>();
    for (Pick p : picks) {
      (early.contains(p.stationKey()) ? first : rest).add(p);
    }
    // That thread went on to later data: a pick 280 s after the event at one of its stations.
    Pick later = first.get(0);
    first.add(
        new Pick(
            later.id() + ".later",
            later.site(),
            later.source(),
            later.time().plusSeconds(280),
            later.phase(),
            later.picker(),
            null,
            null,
            null));
    Associator associator =
        new Associator(
            new AssociatorSettings(5, 120, 3, 1, 0, 60, maxLatenessSeconds),
            new NucleationSettings(10, 80, 8, 15),
            new Locator(TIMES, new LocatorSettings(1.0, 50, 4, 0, 60, 4, 500)));
    AssociatorState state = new AssociatorState();
    Map<String, Detection> last = new LinkedHashMap<>();
    for (List<Pick> batch : List.of(first, rest)) {
      batch.forEach(p -> associator.add(state, AssociatorInput.of(p)));
      associator
          .release(state, Long.MAX_VALUE, catalog.byKey::get)
          .forEach(d -> last.put(d.id(), d));
    }
    associator.release(state, Long.MAX_VALUE, catalog.byKey::get).forEach(d -> last.put(d.id(), d));
    return last.values().stream().filter(d -> d.detectionType() != DetectionType.RETRACT).toList();
  }
}
