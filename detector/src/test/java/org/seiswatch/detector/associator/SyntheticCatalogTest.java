package org.seiswatch.detector.associator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.geo.Geo;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.detector.internal.DataTime;
import org.seiswatch.detector.traveltime.TableGrid;
import org.seiswatch.detector.traveltime.TravelTimeTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 5's synthetic catalog: 30 stations over 300 × 300 km, 200 events over 24 h of data time at
 * 0–30 km depth, iasp91 P and S picks with 0.1 s / 0.2 s noise, 10 % missing and twice as many
 * false picks, fed in time order with small shuffles through the {@link Associator}. An event is
 * found if a detection's origin is within 3 s and its epicentre within 15 km of it (one-to-one).
 */
class SyntheticCatalogTest {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticCatalogTest.class);
  private static final double MATCH_SECONDS = 3;
  private static final double MATCH_KM = 15;

  @TempDir static Path cacheDir;
  private static TravelTimes times;

  @BeforeAll
  static void table() {
    times = new TauPTravelTimes(TravelTimeTable.load("iasp91", TableGrid.REGIONAL, cacheDir));
  }

  /** Settings for a dense 30-station network fed by a picker that labels P and S. */
  static Associator associator() {
    LocatorSettings locator = new LocatorSettings(1.0, 50, 4, 0, 60, 4, 500);
    AssociatorSettings settings = new AssociatorSettings(5, 120, 3, 2, 0);
    NucleationSettings nucleation = new NucleationSettings(10, 80, 8, 15);
    return new Associator(settings, nucleation, new Locator(times, locator));
  }

  @Test
  void shouldFindTheCatalogWithHighPrecisionAndRecallWhenPicksAreNoisyIncompleteAndPolluted() {
    SyntheticCatalog catalog =
        new SyntheticCatalog(20240301L, 30, 300)
            .randomEvents(200, 24, 30)
            .picks(times, 0.1, 0.2, 0.1, 2.0, 500);
    List<SyntheticCatalog.Labelled> feed = catalog.feed();

    long start = System.nanoTime();
    Map<String, Detection> detected = run(associator(), feed, catalog);
    double seconds = (System.nanoTime() - start) / 1e9;
    Score score = score(catalog, detected.values());

    LOG.info(
        "RESULT synthetic catalog: {} events, {} picks ({} false) in {} s ({} picks/s):"
            + " {} detections, precision {}, recall {}, median epicentre error {} km,"
            + " median |origin error| {} s, median depth error {} km",
        catalog.events.size(),
        feed.size(),
        feed.stream().filter(l -> l.event() < 0).count(),
        String.format("%.1f", seconds),
        String.format("%.0f", feed.size() / seconds),
        standing(detected.values()).size(),
        String.format("%.3f", score.precision()),
        String.format("%.3f", score.recall()),
        String.format("%.2f", score.medianKm()),
        String.format("%.2f", score.medianSeconds()),
        String.format("%.2f", score.medianDepthKm()));
    assertThat(score.precision()).isGreaterThanOrEqualTo(0.95);
    assertThat(score.recall()).isGreaterThanOrEqualTo(0.95);
    assertThat(score.medianKm()).isLessThanOrEqualTo(2.0);
  }

  @Test
  void shouldMakeTwoEventsEachWithItsOwnPicksWhenTwoSourcesAre5sAnd50kmApart() {
    long origin = DataTime.toNanos(SyntheticCatalog.START) + DataTime.seconds(600);
    SyntheticCatalog catalog =
        new SyntheticCatalog(7L, 30, 300)
            .event(125, 150, 10, origin)
            .event(175, 150, 12, origin + DataTime.seconds(5))
            .picks(times, 0.1, 0.2, 0.1, 0, 500);
    Map<String, Integer> source = new HashMap<>();
    catalog.picks.forEach(l -> source.put(l.pick().id(), l.event()));

    Map<String, Detection> all = run(associator(), catalog.feed(), catalog);
    List<Detection> detected = standing(all.values());
    for (Detection d : all.values()) {
      Map<Integer, Integer> sources = new java.util.TreeMap<>();
      d.data().forEach(p -> sources.merge(catalog.source(p.id()), 1, Integer::sum));
      LOG.info(
          "two sources: {} v{} {} rms {} {}",
          d.id(),
          d.version(),
          d.detectionType(),
          d.rms(),
          sources);
    }

    assertEquals(2, detected.size());
    Set<Integer> majorities = new HashSet<>();
    for (Detection d : detected) {
      Map<Integer, Integer> sources = new HashMap<>();
      d.data().forEach(p -> sources.merge(catalog.source(p.id()), 1, Integer::sum));
      int own =
          sources.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      majorities.add(own);
      for (Pick p : d.data()) {
        int from = catalog.source(p.id());
        if (from != own) {
          // Only a pick whose arrival is the same, within the noise, from both sources may go to
          // the other event: nothing in the data tells them apart.
          double apart = catalog.arrivalDifference(times, p, own, from);
          LOG.info(
              "pick {} of source {} in the event of source {}: arrivals {} s apart",
              p.id(),
              from,
              own,
              apart);
          assertThat(apart).isLessThan(3 * (p.phase() == Phase.P ? 0.1 : 0.2));
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

    List<Detection> versions = runAll(associator(), feed, catalog);

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
  static List<Detection> runAll(
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

  /** Feeds the picks one by one, releasing up to each pick's time; the last version per id. */
  static Map<String, Detection> run(
      Associator associator, List<SyntheticCatalog.Labelled> feed, SyntheticCatalog catalog) {
    AssociatorState state = new AssociatorState();
    Map<String, Detection> last = new LinkedHashMap<>();
    for (SyntheticCatalog.Labelled l : feed) {
      associator.add(state, AssociatorInput.of(l.pick()));
      for (Detection d :
          associator.release(state, DataTime.toNanos(l.pick().time()), catalog.byKey::get)) {
        last.put(d.id(), d);
      }
    }
    for (Detection d : associator.release(state, Long.MAX_VALUE, catalog.byKey::get)) {
      last.put(d.id(), d);
    }
    return last;
  }

  record Score(
      double precision,
      double recall,
      double medianKm,
      double medianSeconds,
      double medianDepthKm) {}

  static Score score(SyntheticCatalog catalog, java.util.Collection<Detection> detections) {
    Set<Integer> found = new HashSet<>();
    List<Double> km = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    List<Double> depth = new ArrayList<>();
    int good = 0;
    for (Detection d : detections) {
      if (d.detectionType() == DetectionType.RETRACT) {
        continue;
      }
      long t = DataTime.toNanos(d.hypocenter().time());
      SyntheticCatalog.Event best = null;
      double bestKm = Double.POSITIVE_INFINITY;
      for (SyntheticCatalog.Event e : catalog.events) {
        double dt = Math.abs(t - e.originNanos()) / 1e9;
        double dk =
            Geo.distanceKm(
                e.latitude(), e.longitude(), d.hypocenter().latitude(), d.hypocenter().longitude());
        if (!found.contains(e.index()) && dt <= MATCH_SECONDS && dk <= MATCH_KM && dk < bestKm) {
          best = e;
          bestKm = dk;
        }
      }
      if (best == null) {
        Map<Integer, Integer> sources = new java.util.TreeMap<>();
        for (Pick p : d.data()) {
          sources.merge(catalog.source(p.id()), 1, Integer::sum);
        }
        LOG.info(
            "unmatched detection {} v{} {} picks from (event: count) {}",
            d.id(),
            d.version(),
            d.hypocenter(),
            sources);
        continue;
      }
      good++;
      found.add(best.index());
      km.add(bestKm);
      seconds.add(Math.abs(t - best.originNanos()) / 1e9);
      depth.add(Math.abs(d.hypocenter().depth() - best.depthKm()));
    }
    for (SyntheticCatalog.Event e : catalog.events) {
      if (!found.contains(e.index())) {
        LOG.info("missed event {}", e);
      }
    }
    return new Score(
        good == 0 ? 0 : (double) good / standing(detections).size(),
        (double) found.size() / catalog.events.size(),
        median(km),
        median(seconds),
        median(depth));
  }

  static List<Detection> standing(java.util.Collection<Detection> detections) {
    return detections.stream().filter(d -> d.detectionType() != DetectionType.RETRACT).toList();
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
