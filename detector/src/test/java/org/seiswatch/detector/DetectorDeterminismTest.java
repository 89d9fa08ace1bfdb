package org.seiswatch.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Pick;

/**
 * The same records in different interleavings across stations (each channel's order kept) must give
 * the same picks and the same event versions: arrival order decides nothing.
 */
class DetectorDeterminismTest {
  @TempDir Path stateDirA;
  @TempDir Path stateDirB;

  @Test
  void shouldMakeIdenticalPicksAndEventsWhenStationsArriveInDifferentInterleavings() {
    List<DemoRecords.Raw> byTime = DemoRecords.inStartTimeOrder();
    // Station after station, last station first: the most skewed arrival possible.
    List<DemoRecords.Raw> byStation = new ArrayList<>(byTime);
    List<String> order = new ArrayList<>(DemoEvent.STATIONS);
    java.util.Collections.reverse(order);
    byStation.sort(Comparator.comparingInt(r -> order.indexOf(r.key().substring(3))));

    Result a = run(stateDirA, byTime);
    Result b = run(stateDirB, byStation);

    assertThat(a.events).isNotEmpty();
    assertEquals(a.picks, b.picks);
    assertEquals(a.events, b.events);
  }

  private record Result(List<Pick> picks, List<Detection> events) {}

  private static Result run(Path stateDir, List<DemoRecords.Raw> records) {
    try (TopologyFixture fx = new TopologyFixture(stateDir)) {
      fx.pipeStations(DemoRecords.stations());
      records.forEach(fx::pipe);
      fx.flush();
      List<Pick> picks = new ArrayList<>(fx.picks.readValuesToList());
      picks.sort(Comparator.comparing(Pick::id));
      return new Result(picks, fx.events.readValuesToList());
    }
  }
}
