package org.seiswatch.detector.associator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Pick;
import org.seiswatch.detector.DetectorConfig;
import org.seiswatch.detector.associator.AssociatorState.EventState;
import org.seiswatch.detector.associator.bench.SyntheticCatalog;
import org.seiswatch.detector.internal.DataTime;

class SplitterTest {
  private static final TravelTimes TIMES =
      new LayeredTravelTimes(
          VelocityModel.parse(DetectorConfig.DEFAULT_VELOCITY_MODEL), 1.75, 500, 0, 60);

  @Test
  void shouldRetractAnEventWhenANewEventFitsAllItsPicksBetter() {
    long origin = DataTime.toNanos(SyntheticCatalog.START);
    SyntheticCatalog catalog =
        new SyntheticCatalog(3L, 16, 200).event(100, 100, 10, origin).picks(TIMES, 0, 0, 0, 0, 500);
    List<Pick> picks =
        catalog.picks.stream()
            .map(SyntheticCatalog.Labelled::pick)
            .sorted(AssociatorState.PICK_ORDER)
            .toList();
    Associator associator =
        new Associator(
            new AssociatorSettings(5, 120, 3, 2, 0),
            new NucleationSettings(10, 80, 8, 15),
            new Locator(TIMES, new LocatorSettings(1.0, 50, 4, 0, 60, 4, 500)));
    AssociatorState state = new AssociatorState();
    SyntheticCatalog.Event truth = catalog.events.get(0);
    EventState wrong = event("swold", truth, 0.05, picks.subList(0, 12));
    EventState fresh = event("swnew", truth, 0, picks.subList(12, picks.size()));
    // The old event's picks fit it within the tolerance, but the new one exactly.
    wrong.originNanos = origin + DataTime.seconds(0.3);
    state.events.add(wrong);
    state.events.add(fresh);

    List<Detection> out = Splitter.split(associator, state, fresh, catalog.byKey::get);

    assertEquals(1, out.size());
    assertEquals(DetectionType.RETRACT, out.get(0).detectionType());
    assertEquals("swold", out.get(0).id());
    assertEquals(2, out.get(0).version());
    assertThat(state.events).containsExactly(fresh);
    assertEquals(picks.size(), fresh.picks.size());
    assertThat(state.pool).isEmpty();
  }

  private static EventState event(
      String id, SyntheticCatalog.Event at, double offsetDegrees, List<Pick> picks) {
    EventState e = new EventState();
    e.id = id;
    e.version = 1;
    e.latitude = at.latitude() + offsetDegrees;
    e.longitude = at.longitude();
    e.depthKm = at.depthKm();
    e.originNanos = at.originNanos();
    e.picks.addAll(picks);
    return e;
  }
}
