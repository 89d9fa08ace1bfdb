package org.seiswatch.detector.associator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seiswatch.common.geo.Geo;
import org.seiswatch.common.model.Phase;

/**
 * Hypocentre locator for P and S picks. {@link #locate} is a grid search: a coarse grid over the
 * picked stations' extent plus a margin (or around a given point) and the depth range, then two
 * finer grids around the best node; at each node the origin time is the one that the most picks
 * agree on within the residual tolerance (at most one pick per station and phase), ties broken by
 * the RMS. The best node is then polished by damped least squares ({@link LeastSquares}) over
 * latitude, longitude, depth and origin time, which also gives the errors. {@link #relocate} runs
 * least squares from a known hypocentre and drops the worst pick while any residual exceeds the
 * tolerance. Travel times come from {@link TravelTimes} with each station's elevation.
 * Deterministic: nodes and picks are visited in a fixed order.
 */
public final class Locator {
  private static final int REFINEMENTS = 2;
  private static final int REFINE_FACTOR = 4;

  private final TravelTimes times;
  private final LocatorSettings settings;

  public Locator(TravelTimes times, LocatorSettings settings) {
    this.times = times;
    this.settings = settings;
  }

  public LocatorSettings settings() {
    return settings;
  }

  public TravelTimes travelTimes() {
    return times;
  }

  /**
   * Predicted travel time in seconds of the observation's phase from a hypocentre to its station,
   * or NaN beyond the maximum distance.
   */
  public double travelTime(double lat, double lon, double depthKm, Observation to) {
    double d = Geo.distanceKm(lat, lon, to.station().latitude(), to.station().longitude());
    return d > settings.maxDistanceKm()
        ? Double.NaN
        : times.time(to.phase(), d, depthKm, to.station().elevation() / 1000.0);
  }

  /** Residual (observed − predicted travel time) in seconds for an origin time. */
  public double residual(double lat, double lon, double depthKm, long originNanos, Observation o) {
    return (o.timeNanos() - originNanos) / 1e9 - travelTime(lat, lon, depthKm, o);
  }

  /**
   * Locates the best-supported hypocentre for {@code observations} (several picks per station and
   * phase allowed; at most one is used) searching the stations' extent plus the margin. Empty if no
   * observation can be used.
   */
  public Optional<Solution> locate(List<Observation> observations) {
    if (observations.isEmpty()) {
      return Optional.empty();
    }
    double latMin = Double.POSITIVE_INFINITY;
    double latMax = Double.NEGATIVE_INFINITY;
    double lonMin = Double.POSITIVE_INFINITY;
    double lonMax = Double.NEGATIVE_INFINITY;
    for (Observation o : observations) {
      latMin = Math.min(latMin, o.station().latitude());
      latMax = Math.max(latMax, o.station().latitude());
      lonMin = Math.min(lonMin, o.station().longitude());
      lonMax = Math.max(lonMax, o.station().longitude());
    }
    return search(observations, latMin, latMax, lonMin, lonMax, settings.marginKm());
  }

  /** As {@link #locate} but searching {@code halfWidthKm} around a point. */
  public Optional<Solution> locateNear(
      List<Observation> observations, double lat, double lon, double halfWidthKm) {
    if (observations.isEmpty()) {
      return Optional.empty();
    }
    return search(observations, lat, lat, lon, lon, halfWidthKm);
  }

  private Optional<Solution> search(
      List<Observation> observations,
      double latMin,
      double latMax,
      double lonMin,
      double lonMax,
      double marginKm) {
    Problem problem = new Problem(observations);
    double latStep = settings.spacingKm() / Geo.KM_PER_DEGREE;
    double lonScale = Math.max(Math.cos(Math.toRadians((latMin + latMax) / 2)), 0.05);
    double lonStep = latStep / lonScale;
    double latMargin = marginKm / Geo.KM_PER_DEGREE;
    double lonMargin = latMargin / lonScale;
    Grid grid =
        new Grid(
            latMin - latMargin,
            latMax + latMargin,
            latStep,
            lonMin - lonMargin,
            lonMax + lonMargin,
            lonStep,
            settings.minDepthKm(),
            settings.maxDepthKm(),
            settings.depthSpacingKm());
    Fit best = search(problem, grid);
    for (int level = 0; best != null && level < REFINEMENTS; level++) {
      grid = grid.around(best, REFINE_FACTOR, settings);
      best = search(problem, grid);
    }
    if (best == null) {
      return Optional.empty();
    }
    List<Observation> inliers = new ArrayList<>();
    for (int i : best.chosen) {
      inliers.add(problem.observations.get(i));
    }
    long origin = problem.reference + Math.round(best.origin * 1e9);
    return Optional.of(polish(inliers, best.lat, best.lon, best.depth, origin));
  }

  /**
   * Least squares from a hypocentre over {@code observations} (one per station and phase), dropping
   * the worst pick while a residual exceeds the tolerance and more than three remain.
   */
  public Solution relocate(
      List<Observation> observations, double lat, double lon, double depthKm, long originNanos) {
    List<Observation> kept = new ArrayList<>(observations);
    Solution s = polish(kept, lat, lon, depthKm, originNanos);
    while (kept.size() > 3) {
      double[] r = s.residuals();
      int worst = -1;
      for (int i = 0; i < r.length; i++) {
        if (Math.abs(r[i]) > settings.residualTolerance()
            && (worst < 0 || Math.abs(r[i]) > Math.abs(r[worst]))) {
          worst = i;
        }
      }
      if (worst < 0) {
        return s;
      }
      kept.remove(s.inliers().get(worst));
      s = polish(kept, s.latitude(), s.longitude(), s.depthKm(), s.originNanos());
    }
    return s;
  }

  private Solution polish(
      List<Observation> inliers, double lat, double lon, double depthKm, long originNanos) {
    return new LeastSquares(this, settings).solve(inliers, lat, lon, depthKm, originNanos);
  }

  private Fit search(Problem problem, Grid grid) {
    Fit best = null;
    for (int z = 0; z < grid.depthCount(); z++) {
      double depth = grid.depth(z);
      for (int i = 0; i < grid.latCount(); i++) {
        double lat = grid.lat(i);
        for (int j = 0; j < grid.lonCount(); j++) {
          Fit fit = evaluate(problem, lat, grid.lon(j), depth);
          if (fit != null && (best == null || fit.betterThan(best))) {
            best = fit;
          }
        }
      }
    }
    return best;
  }

  /**
   * The origin time most picks agree on at one node: picks sorted by implied origin, the window of
   * twice the tolerance holding the most distinct station-phase slots wins (then the least RMS).
   */
  Fit evaluate(Problem problem, double lat, double lon, double depth) {
    int n = problem.size();
    double[] origins = new double[n];
    int[] order = new int[n];
    int usable = 0;
    for (int i = 0; i < n; i++) {
      double tt = travelTime(lat, lon, depth, problem.observations.get(i));
      origins[i] = Double.isNaN(tt) ? Double.NaN : problem.seconds[i] - tt;
      if (!Double.isNaN(tt)) {
        order[usable++] = i;
      }
    }
    if (usable == 0) {
      return null;
    }
    int[] sorted = new int[usable];
    for (int k = 0; k < usable; k++) {
      // Insertion sort: a few dozen picks at most, and no boxing in the innermost loop.
      int i = order[k];
      int at = k;
      while (at > 0 && origins[sorted[at - 1]] > origins[i]) {
        sorted[at] = sorted[at - 1];
        at--;
      }
      sorted[at] = i;
    }
    double width = 2 * settings.residualTolerance();
    Fit best = null;
    int end = 0;
    for (int start = 0; start < usable; start++) {
      end = Math.max(end, start);
      while (end + 1 < usable && origins[sorted[end + 1]] - origins[sorted[start]] <= width) {
        end++;
      }
      if (best != null && end - start + 1 < best.count) {
        continue;
      }
      Fit fit = select(problem, origins, sorted, start, end, lat, lon, depth);
      if (best == null || fit.betterThan(best)) {
        best = fit;
      }
    }
    return best;
  }

  /** Per slot the pick nearest the window's mean origin; the fit around their mean. */
  private Fit select(
      Problem problem,
      double[] origins,
      int[] sorted,
      int start,
      int end,
      double lat,
      double lon,
      double depth) {
    double mean = 0;
    for (int k = start; k <= end; k++) {
      mean += origins[sorted[k]];
    }
    mean /= end - start + 1;
    int[] chosen = new int[problem.slotCount];
    Arrays.fill(chosen, -1);
    for (int k = start; k <= end; k++) {
      int i = sorted[k];
      int g = problem.slot[i];
      if (chosen[g] < 0 || Math.abs(origins[i] - mean) < Math.abs(origins[chosen[g]] - mean)) {
        chosen[g] = i;
      }
    }
    int count = 0;
    for (int i : chosen) {
      count += i >= 0 ? 1 : 0;
    }
    int[] picks = new int[count];
    int next = 0;
    for (int i : chosen) {
      if (i >= 0) {
        picks[next++] = i;
      }
    }
    Arrays.sort(picks);
    double origin = 0;
    for (int i : picks) {
      origin += origins[i];
    }
    origin /= picks.length;
    double sum = 0;
    for (int i : picks) {
      sum += (origins[i] - origin) * (origins[i] - origin);
    }
    return new Fit(lat, lon, depth, picks, origin, Math.sqrt(sum / picks.length));
  }

  /** The observations with times in seconds after the earliest and a slot index each. */
  static final class Problem {
    final List<Observation> observations;
    final long reference;
    final double[] seconds;
    final int[] slot;
    final int slotCount;

    Problem(List<Observation> observations) {
      this.observations = List.copyOf(observations);
      long ref = Long.MAX_VALUE;
      for (Observation o : observations) {
        ref = Math.min(ref, o.timeNanos());
      }
      this.reference = ref;
      int n = observations.size();
      this.seconds = new double[n];
      this.slot = new int[n];
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < n; i++) {
        Observation o = observations.get(i);
        seconds[i] = (o.timeNanos() - ref) / 1e9;
        slot[i] = index.computeIfAbsent(o.slot(), k -> index.size());
      }
      this.slotCount = index.size();
    }

    int size() {
      return observations.size();
    }
  }

  static double weight(Phase phase) {
    // S onsets are picked about half as precisely as P.
    return phase == Phase.S ? 0.5 : 1.0;
  }
}
