package org.seiswatch.detector.associator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seiswatch.common.geo.Geo;

/**
 * Grid-search hypocentre locator for P picks: a coarse grid over the picked stations' extent plus a
 * margin and over the depth range, then two finer grids around the best node. At each node the
 * origin time is estimated from the picks themselves; the node's fit is the number of stations with
 * a pick consistent with one origin time (residual within the tolerance), ties broken by the RMS of
 * those residuals. Travel times come from a {@link VelocityModel} with each station's elevation.
 * Deterministic: nodes and picks are visited in a fixed order.
 */
public final class Locator {
  private static final int REFINEMENTS = 2;
  private static final int REFINE_FACTOR = 4;

  private final VelocityModel model;
  private final LocatorSettings settings;
  private final Map<Long, TravelTimeTable> tables = new HashMap<>();

  public Locator(VelocityModel model, LocatorSettings settings) {
    this.model = model;
    this.settings = settings;
  }

  public LocatorSettings settings() {
    return settings;
  }

  /**
   * Predicted P travel time in seconds from a hypocentre to a station, or NaN beyond the maximum
   * distance.
   */
  public double travelTime(double lat, double lon, double depthKm, Observation to) {
    double d = Geo.distanceKm(lat, lon, to.station().latitude(), to.station().longitude());
    return d > settings.maxDistanceKm() ? Double.NaN : table(to).time(d, depthKm);
  }

  /**
   * Locates the best-supported hypocentre for {@code observations} (several picks per station
   * allowed; at most one is used). Empty if no observation can be used.
   */
  public Optional<Solution> locate(List<Observation> observations) {
    if (observations.isEmpty()) {
      return Optional.empty();
    }
    Problem problem = new Problem(observations);
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
    double latStep = settings.spacingKm() / Geo.KM_PER_DEGREE;
    double lonScale = Math.cos(Math.toRadians((latMin + latMax) / 2));
    double lonStep = latStep / Math.max(lonScale, 0.05);
    double latMargin = settings.marginKm() / Geo.KM_PER_DEGREE;
    double lonMargin = latMargin / Math.max(lonScale, 0.05);
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
    Fit best = search(problem, grid, null);
    double[] errors = {Double.NaN, Double.NaN};
    for (int level = 0; best != null && level < REFINEMENTS; level++) {
      grid = grid.around(best, REFINE_FACTOR, settings);
      List<Fit> all = level == 0 ? new ArrayList<>() : null;
      best = search(problem, grid, all);
      if (all != null && best != null) {
        errors = spread(all, best);
      }
    }
    return best == null ? Optional.empty() : Optional.of(best.toSolution(problem, errors));
  }

  private Fit search(Problem problem, Grid grid, List<Fit> all) {
    Fit best = null;
    for (int z = 0; z < grid.depthCount(); z++) {
      double depth = grid.depth(z);
      for (int i = 0; i < grid.latCount(); i++) {
        double lat = grid.lat(i);
        for (int j = 0; j < grid.lonCount(); j++) {
          Fit fit = evaluate(problem, lat, grid.lon(j), depth);
          if (fit == null) {
            continue;
          }
          if (all != null) {
            all.add(fit);
          }
          if (best == null || fit.betterThan(best)) {
            best = fit;
          }
        }
      }
    }
    return best;
  }

  /** Rough errors: the extent of nodes that fit nearly as well as the best (same count). */
  private static double[] spread(List<Fit> all, Fit best) {
    double limit = Math.sqrt(best.rms * best.rms + 0.1 * 0.1);
    double horizontal = 0;
    double depth = 0;
    for (Fit f : all) {
      if (f.count == best.count && f.rms <= limit) {
        horizontal = Math.max(horizontal, Geo.distanceKm(best.lat, best.lon, f.lat, f.lon));
        depth = Math.max(depth, Math.abs(f.depth - best.depth));
      }
    }
    return new double[] {horizontal, depth};
  }

  Fit evaluate(Problem problem, double lat, double lon, double depth) {
    int n = problem.size();
    double[] origins = new double[n];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      double tt = travelTime(lat, lon, depth, problem.observations.get(i));
      origins[i] = Double.isNaN(tt) ? Double.NaN : problem.seconds[i] - tt;
      any |= !Double.isNaN(tt);
    }
    if (!any) {
      return null;
    }
    Fit best = null;
    int[] chosen = new int[problem.stationCount];
    for (int a = 0; a < n; a++) {
      if (Double.isNaN(origins[a])) {
        continue;
      }
      double center = select(problem, origins, origins[a], chosen);
      select(problem, origins, center, chosen);
      Fit fit = Fit.of(lat, lon, depth, origins, chosen);
      if (best == null || fit.betterThan(best)) {
        best = fit;
      }
    }
    return best;
  }

  /** Per station the pick nearest {@code center} within the tolerance; returns their mean. */
  private double select(Problem problem, double[] origins, double center, int[] chosen) {
    java.util.Arrays.fill(chosen, -1);
    double tol = settings.residualTolerance();
    for (int i = 0; i < origins.length; i++) {
      double r = Math.abs(origins[i] - center);
      int g = problem.station[i];
      if (r <= tol && (chosen[g] < 0 || r < Math.abs(origins[chosen[g]] - center))) {
        chosen[g] = i;
      }
    }
    double sum = 0;
    int count = 0;
    for (int i : chosen) {
      if (i >= 0) {
        sum += origins[i];
        count++;
      }
    }
    return count == 0 ? center : sum / count;
  }

  private TravelTimeTable table(Observation o) {
    long elevation = Math.round(o.station().elevation() / 10.0) * 10;
    return tables.computeIfAbsent(
        elevation,
        e ->
            new TravelTimeTable(
                model,
                e / 1000.0,
                settings.maxDistanceKm(),
                settings.minDepthKm(),
                settings.maxDepthKm()));
  }

  /** The observations with times in seconds after the earliest and a station index each. */
  static final class Problem {
    final List<Observation> observations;
    final long reference;
    final double[] seconds;
    final int[] station;
    final int stationCount;

    Problem(List<Observation> observations) {
      this.observations = List.copyOf(observations);
      long ref = Long.MAX_VALUE;
      for (Observation o : observations) {
        ref = Math.min(ref, o.timeNanos());
      }
      this.reference = ref;
      int n = observations.size();
      this.seconds = new double[n];
      this.station = new int[n];
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < n; i++) {
        Observation o = observations.get(i);
        seconds[i] = (o.timeNanos() - ref) / 1e9;
        station[i] = index.computeIfAbsent(o.stationKey(), k -> index.size());
      }
      this.stationCount = index.size();
    }

    int size() {
      return observations.size();
    }
  }
}
