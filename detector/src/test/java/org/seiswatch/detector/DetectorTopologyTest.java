package org.seiswatch.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.detector.phasenet.MicroBatcher;
import org.seiswatch.detector.phasenet.ModelFiles;
import org.seiswatch.detector.phasenet.OfflinePicker;
import org.seiswatch.detector.phasenet.OnnxPhasePicker;
import org.seiswatch.detector.phasenet.PhaseNetPicks;
import org.seiswatch.detector.phasenet.PhaseNetSettings;
import org.seiswatch.detector.phasenet.PhasePicker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DetectorTopologyTest {
  private static final Logger LOG = LoggerFactory.getLogger(DetectorTopologyTest.class);

  @TempDir Path stateDir;

  @Test
  void shouldDetectOneEventNearTheCatalogHypocentreWhenTheDemoEventIsReplayed() {
    try (TopologyFixture fx = new TopologyFixture(stateDir)) {
      fx.pipeStations(DemoRecords.stations());
      DemoRecords.inStartTimeOrder().forEach(fx::pipe);
      fx.flush();
      List<Pick> picks = fx.picks.readValuesToList();
      List<Detection> events = fx.events.readValuesToList();
      picks.forEach(p -> LOG.info("pick {}", p.id()));
      events.forEach(
          e ->
              LOG.info(
                  "event {} v{} {} {}", e.id(), e.version(), e.detectionType(), e.hypocenter()));
      Detection last = events.get(events.size() - 1);
      double km = distanceKm(last);
      double dt =
          Duration.between(DemoEvent.ORIGIN_TIME, last.hypocenter().time()).toMillis() / 1000.0;
      LOG.info(
          "RESULT epicentre {} km off, depth {} km, origin {} s after catalog, {} picks, rms {}",
          String.format("%.1f", km),
          String.format("%.1f", last.hypocenter().depth()),
          dt,
          last.data().size(),
          last.rms());
      assertEquals(1, events.stream().map(Detection::id).distinct().count());
      assertThat(km).isLessThan(25);
      assertThat(Math.abs(dt)).isLessThan(3);
      assertThat(fx.picks.isEmpty()).isTrue();
      assertThat(fx.events.isEmpty()).isTrue();
      assertThat(fx.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldLocateWithinTwoKilometresWhenTheLayeredHawaiiModelIsChosen() {
    try (TopologyFixture fx =
        new TopologyFixture(
            stateDir,
            java.util.Map.of(DetectorConfig.ASSOCIATOR_TRAVELTIME_MODEL, DetectorConfig.LAYERED))) {
      fx.pipeStations(DemoRecords.stations());
      DemoRecords.inStartTimeOrder().forEach(fx::pipe);
      fx.flush();
      List<Detection> events = fx.events.readValuesToList();
      Detection last = events.get(events.size() - 1);
      double dt =
          Duration.between(DemoEvent.ORIGIN_TIME, last.hypocenter().time()).toMillis() / 1000.0;
      LOG.info(
          "RESULT layered model: epicentre {} km off, depth {} km (+-{}), origin {} s after"
              + " catalog (+-{}), quality {}",
          String.format("%.1f", distanceKm(last)),
          String.format("%.1f", last.hypocenter().depth()),
          last.hypocenter().depthError(),
          dt,
          last.hypocenter().timeError(),
          org.seiswatch.common.model.LocationQuality.of(last));
      assertEquals(1, events.stream().map(Detection::id).distinct().count());
      assertThat(distanceKm(last)).isLessThan(2);
      assertThat(Math.abs(dt)).isLessThan(1.5);
    }
  }

  private static String summary(Pick p) {
    return p.id() + " " + p.classificationInfo().phaseProbability() + " " + p.amplitude();
  }

  @Test
  void shouldPickPAndSAtTheStationsAndLocateOneEventWhenPhaseNetPicks() {
    try (PhasePicker picker = OnnxPhasePicker.open(ModelFiles.bundled(), 1);
        MicroBatcher batcher = MicroBatcher.start(picker, 32, 0);
        TopologyFixture fx = new TopologyFixture(stateDir, Map.of(), batcher)) {
      fx.pipeStations(DemoRecords.stations());
      DemoRecords.inStartTimeOrder().forEach(fx::pipe);
      fx.flush();
      List<Pick> picks = fx.picks.readValuesToList();
      List<Detection> events = fx.events.readValuesToList();
      picks.forEach(p -> LOG.info("phasenet pick {} {}", p.id(), p.classificationInfo()));
      events.forEach(
          e ->
              LOG.info(
                  "event {} v{} {} {}", e.id(), e.version(), e.detectionType(), e.hypocenter()));
      Set<String> pStations =
          picks.stream()
              .filter(p -> p.phase() == Phase.P)
              .map(Pick::stationKey)
              .collect(Collectors.toSet());
      assertEquals(6, pStations.size(), pStations.toString());
      assertThat(picks).anyMatch(p -> p.phase() == Phase.S);
      assertEquals(picks.size(), picks.stream().map(Pick::id).distinct().count());
      assertThat(picks).allMatch(p -> PhaseNetPicks.PICKER.equals(p.picker()));
      // seiswatch pick on the same records makes the stream's picks (ids, probabilities and
      // amplitudes), plus those only the end of the data makes final; HV.HSSD has records that
      // start 0.49 of a sample off, which once split the offline segment and moved its P
      List<Pick> offline =
          new OfflinePicker(picker, PhaseNetSettings.DEFAULT_STACK, 16)
              .pick(
                  DemoRecords.inStartTimeOrder().stream()
                      .map(r -> MiniSeed.parse(r.bytes()))
                      .toList());
      assertThat(offline.stream().map(DetectorTopologyTest::summary).toList())
          .containsAll(picks.stream().map(DetectorTopologyTest::summary).toList());
      // PhaseNet also picks a small aftershock at 03:15:32 (P at HUAD, TOUO, HSSD, MLOD with
      // probabilities up to 0.97, S at TOUO and HSSD); it becomes a second event, minutes later
      String first = events.get(0).id();
      List<Detection> main = events.stream().filter(e -> e.id().equals(first)).toList();
      Detection last = main.get(main.size() - 1);
      double km = distanceKm(last);
      double dt =
          Duration.between(DemoEvent.ORIGIN_TIME, last.hypocenter().time()).toMillis() / 1000.0;
      LOG.info(
          "RESULT phasenet: {} v{} epicentre {} km off, depth {} km, origin {} s after catalog,"
              + " {} picks ({} S); {} events",
          last.id(),
          last.version(),
          String.format("%.1f", km),
          String.format("%.1f", last.hypocenter().depth()),
          dt,
          last.data().size(),
          last.data().stream().filter(p -> p.phase() == Phase.S).count(),
          events.stream().map(Detection::id).distinct().count());
      assertThat(km).isLessThan(25);
      assertThat(Math.abs(dt)).isLessThan(3);
      assertThat(events)
          .filteredOn(e -> !e.id().equals(first))
          .allMatch(
              e ->
                  e.hypocenter().time().isAfter(DemoEvent.ORIGIN_TIME.plus(Duration.ofMinutes(3))));
      assertThat(fx.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldMarkTheMagnitudeUnreliableWhenTheDemoRecordsAreClipped(@TempDir Path xml) {
    try (TopologyFixture fx = new TopologyFixture(stateDir)) {
      fx.pipeStations(org.seiswatch.detector.magnitude.ResponseStations.load(xml));
      DemoRecords.inStartTimeOrder().forEach(fx::pipe);
      fx.flush();
      List<Detection> events = fx.events.readValuesToList();
      events.forEach(
          e ->
              LOG.info(
                  "event {} v{} {} magnitude {}",
                  e.id(),
                  e.version(),
                  e.detectionType(),
                  e.magnitude()));
      Detection last = events.get(events.size() - 1);
      assertEquals(org.seiswatch.common.model.DetectionType.FINAL, last.detectionType());
      var m = last.magnitude();
      LOG.info(
          "RESULT demo magnitude {} {} from {} stations, reliable {}: {}",
          m.value(),
          m.type(),
          m.stationCount(),
          m.reliable(),
          m.reason());
      assertEquals("ML", m.type());
      assertThat(m.reliable()).isFalse();
      assertThat(m.reason()).contains("clipped");
      assertThat(m.stations()).anyMatch(s -> "clipped".equals(s.reason()));
      assertThat(m.reason()).contains("not valid");
      assertEquals(6, m.stations().size());
      assertThat(m.stations()).allMatch(s -> !s.used());
    }
  }

  static double distanceKm(Detection d) {
    double dlat = d.hypocenter().latitude() - DemoEvent.LATITUDE;
    double dlon =
        (d.hypocenter().longitude() - DemoEvent.LONGITUDE)
            * Math.cos(Math.toRadians(DemoEvent.LATITUDE));
    return 111.195 * Math.hypot(dlat, dlon);
  }
}
