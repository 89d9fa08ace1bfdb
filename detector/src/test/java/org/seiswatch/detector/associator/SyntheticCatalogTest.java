package org.seiswatch.detector.associator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.detector.associator.bench.AssociatorBenchmark;
import org.seiswatch.detector.associator.bench.SyntheticCatalog;
import org.seiswatch.detector.internal.DataTime;
import org.seiswatch.detector.traveltime.TableGrid;
import org.seiswatch.detector.traveltime.TravelTimeTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 5's synthetic catalog through the {@link Associator} ({@link AssociatorBenchmark}: 30
 * stations over 300 × 300 km, 200 events in 24 h at 0–30 km, iasp91 P and S picks with 0.1 s / 0.2
 * s noise, 10 % missing, twice as many false picks), two overlapping sources, and the version
 * sequence of one event.
 */
class SyntheticCatalogTest {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticCatalogTest.class);

  @TempDir static Path cacheDir;
  private static TravelTimes times;

  @BeforeAll
  static void table() {
    times = new TauPTravelTimes(TravelTimeTable.load("iasp91", TableGrid.REGIONAL, cacheDir));
  }

  @Test
  void shouldFindTheCatalogWithHighPrecisionAndRecallWhenPicksAreNoisyIncompleteAndPolluted() {
    AssociatorBenchmark.Result r = AssociatorBenchmark.run(cacheDir, 20240301L);

    LOG.info(
        "RESULT synthetic catalog: {} events, {} picks ({} false) in {} s ({} picks/s):"
            + " {} detections, precision {}, recall {}, median epicentre error {} km,"
            + " median |origin error| {} s, median depth error {} km",
        r.events(),
        r.picks(),
        r.falsePicks(),
        String.format("%.1f", r.seconds()),
        String.format("%.0f", r.picksPerSecond()),
        r.detections(),
        String.format("%.3f", r.precision()),
        String.format("%.3f", r.recall()),
        String.format("%.2f", r.medianEpicentreKm()),
        String.format("%.2f", r.medianOriginSeconds()),
        String.format("%.2f", r.medianDepthKm()));
    assertThat(r.precision()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.recall()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.medianEpicentreKm()).isLessThanOrEqualTo(2.0);
  }

  @Test
  void shouldMakeTwoEventsEachWithItsOwnPicksWhenTwoSourcesAre5sAnd50kmApart() {
    long origin = DataTime.toNanos(SyntheticCatalog.START) + DataTime.seconds(600);
    SyntheticCatalog catalog =
        new SyntheticCatalog(7L, 30, 300)
            .event(125, 150, 10, origin)
            .event(175, 150, 12, origin + DataTime.seconds(5))
            .picks(times, 0.1, 0.2, 0.1, 0, 500);

    Map<String, Detection> all =
        AssociatorBenchmark.run(AssociatorBenchmark.associator(times), catalog.feed(), catalog);
    List<Detection> detected = AssociatorBenchmark.standing(all.values());

    assertEquals(2, detected.size());
    Set<Integer> majorities = new HashSet<>();
    for (Detection d : detected) {
      Map<Integer, Integer> sources = new HashMap<>();
      d.data().forEach(p -> sources.merge(catalog.source(p.id()), 1, Integer::sum));
      LOG.info("two sources: {} v{} {} picks by source {}", d.id(), d.version(), d.rms(), sources);
      int own =
          sources.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      majorities.add(own);
      for (Pick p : d.data()) {
        int from = catalog.source(p.id());
        if (from != own) {
          // Only a pick whose arrival is the same, within the noise, from both sources may go to
          // the other event: nothing in the data tells them apart.
          assertThat(catalog.arrivalDifference(times, p, own, from))
              .isLessThan(3 * (p.phase() == Phase.P ? 0.1 : 0.2));
        }
      }
    }
    assertEquals(Set.of(0, 1), majorities);
  }

  @Test
  void shouldVersionEachEventNewThenUpdatesThenFinalWhenDataTimeMovesPastTheQuietTime() {
    long origin = DataTime.toNanos(SyntheticCatalog.START) + DataTime.seconds(600);
    SyntheticCatalog catalog =
        new SyntheticCatalog(11L, 30, 300)
            .event(150, 150, 8, origin)
            .picks(times, 0.1, 0.2, 0.1, 0, 500);
    List<SyntheticCatalog.Labelled> feed = new ArrayList<>(catalog.feed());
    // A lone pick long after the event moves the data time on.
    Pick later = feed.get(feed.size() - 1).pick();
    feed.add(
        new SyntheticCatalog.Labelled(
            new Pick(
                "late",
                later.site(),
                null,
                later.time().plusSeconds(300),
                later.phase(),
                "synthetic",
                null,
                null,
                null),
            -1));

    List<Detection> versions = runAll(AssociatorBenchmark.associator(times), feed, catalog);

    assertEquals(DetectionType.NEW, versions.get(0).detectionType());
    assertEquals(DetectionType.FINAL, versions.get(versions.size() - 1).detectionType());
    for (int i = 0; i < versions.size(); i++) {
      assertEquals(i + 1, versions.get(i).version());
      assertEquals(versions.get(0).id(), versions.get(i).id());
    }
    assertThat(versions.subList(1, versions.size() - 1))
        .allMatch(d -> d.detectionType() == DetectionType.UPDATE);
  }

  /** Every version made, in order. */
  private static List<Detection> runAll(
      Associator associator, List<SyntheticCatalog.Labelled> feed, SyntheticCatalog catalog) {
    AssociatorState state = new AssociatorState();
    List<Detection> out = new ArrayList<>();
    for (SyntheticCatalog.Labelled l : feed) {
      associator.add(state, AssociatorInput.of(l.pick()));
      out.addAll(associator.release(state, DataTime.toNanos(l.pick().time()), catalog.byKey::get));
    }
    out.addAll(associator.release(state, Long.MAX_VALUE, catalog.byKey::get));
    return out;
  }
}
