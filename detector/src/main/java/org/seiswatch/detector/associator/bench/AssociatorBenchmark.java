package org.seiswatch.detector.associator.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seiswatch.common.geo.Geo;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.detector.associator.Associator;
import org.seiswatch.detector.associator.AssociatorInput;
import org.seiswatch.detector.associator.AssociatorSettings;
import org.seiswatch.detector.associator.AssociatorState;
import org.seiswatch.detector.associator.Locator;
import org.seiswatch.detector.associator.LocatorSettings;
import org.seiswatch.detector.associator.NucleationSettings;
import org.seiswatch.detector.associator.TauPTravelTimes;
import org.seiswatch.detector.associator.TravelTimes;
import org.seiswatch.detector.internal.DataTime;
import org.seiswatch.detector.traveltime.TableGrid;
import org.seiswatch.detector.traveltime.TravelTimeTable;

/**
 * {@code seiswatch bench associate} (issue 5): issue 5's synthetic catalog — 30 stations over 300 ×
 * 300 km, 200 events in 24 h at 0–30 km depth, iasp91 P and S picks with 0.1 s / 0.2 s noise, 10 %
 * missing, twice as many false picks — fed in time order with small shuffles through one {@link
 * Associator}, single-threaded, without Kafka. Reports picks per second and the catalog score (a
 * detection matches an event if its origin is within 3 s and its epicentre within 15 km, one to
 * one; retracted events do not count).
 */
public final class AssociatorBenchmark {
  public static final double MATCH_SECONDS = 3;
  public static final double MATCH_KM = 15;

  private AssociatorBenchmark() {}

  /** What a run measured. */
  public record Result(
      int events,
      int picks,
      long falsePicks,
      double seconds,
      double picksPerSecond,
      int detections,
      double precision,
      double recall,
      double medianEpicentreKm,
      double medianOriginSeconds,
      double medianDepthKm) {}

  /** Runs the benchmark; the iasp91 table is read from (or built into) {@code cacheDir}. */
  public static Result run(Path cacheDir, long seed) {
    TravelTimes times =
        new TauPTravelTimes(TravelTimeTable.load("iasp91", TableGrid.REGIONAL, cacheDir));
    SyntheticCatalog catalog =
        new SyntheticCatalog(seed, 30, 300)
            .randomEvents(200, 24, 30)
            .picks(times, 0.1, 0.2, 0.1, 2.0, 500);
    List<SyntheticCatalog.Labelled> feed = catalog.feed();
    long start = System.nanoTime();
    Map<String, Detection> last = run(associator(times), feed, catalog);
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Detection> standing = standing(last.values());
    Score score = score(catalog, standing);
    return new Result(
        catalog.events.size(),
        feed.size(),
        feed.stream().filter(l -> l.event() < 0).count(),
        seconds,
        feed.size() / seconds,
        standing.size(),
        standing.isEmpty() ? 0 : (double) score.matched.size() / standing.size(),
        (double) score.matched.size() / catalog.events.size(),
        median(score.km),
        median(score.seconds),
        median(score.depth));
  }

  /**
   * Settings for this dense network fed by a picker that labels P and S: 5 stations and 10 picks
   * for a new event (4 stations would let false picks make events), no station quiet time, a 120 s
   * pick window (S from 300+ km).
   */
  public static Associator associator(TravelTimes times) {
    LocatorSettings locator = new LocatorSettings(1.0, 50, 4, 0, 60, 4, 500);
    AssociatorSettings settings = new AssociatorSettings(5, 120, 3, 2, 0);
    NucleationSettings nucleation = new NucleationSettings(10, 80, 8, 15);
    return new Associator(settings, nucleation, new Locator(times, locator));
  }

  /** Feeds the picks one by one, releasing up to each pick's time; the last version per id. */
  public static Map<String, Detection> run(
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

  public static List<Detection> standing(Collection<Detection> detections) {
    return detections.stream().filter(d -> d.detectionType() != DetectionType.RETRACT).toList();
  }

  private record Score(
      Set<Integer> matched, List<Double> km, List<Double> seconds, List<Double> depth) {}

  private static Score score(SyntheticCatalog catalog, List<Detection> detections) {
    Score score =
        new Score(new HashSet<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Detection d : detections) {
      long t = DataTime.toNanos(d.hypocenter().time());
      SyntheticCatalog.Event best = null;
      double bestKm = Double.POSITIVE_INFINITY;
      for (SyntheticCatalog.Event e : catalog.events) {
        double dt = Math.abs(t - e.originNanos()) / 1e9;
        double km =
            Geo.distanceKm(
                e.latitude(), e.longitude(), d.hypocenter().latitude(), d.hypocenter().longitude());
        if (!score.matched.contains(e.index())
            && dt <= MATCH_SECONDS
            && km <= MATCH_KM
            && km < bestKm) {
          best = e;
          bestKm = km;
        }
      }
      if (best != null) {
        score.matched.add(best.index());
        score.km.add(bestKm);
        score.seconds.add(Math.abs(t - best.originNanos()) / 1e9);
        score.depth.add(Math.abs(d.hypocenter().depth() - best.depthKm()));
      }
    }
    return score;
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
