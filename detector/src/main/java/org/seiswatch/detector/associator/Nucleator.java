package org.seiswatch.detector.associator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seiswatch.common.geo.Geo;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Station;

/**
 * Declares new events from free picks, in the spirit of REAL (Zhang et al. 2019): the newest pick
 * is the anchor; for every node of a coarse grid around its station (radius, spacing and depth
 * levels from {@link NucleationSettings}) the anchor fixes the origin time, and the other stations'
 * free picks are counted where they fall within a widened tolerance of the predicted P or S time
 * (the widening covers the distance from the true source to the nearest node). The node with the
 * most stations (then picks, then least misfit) is located properly with the matched picks ({@link
 * Locator#locateNear}), every free pick consistent with that hypocentre is added, and the result is
 * relocated; it is an event if it keeps the minimum stations and picks.
 *
 * <p>Travel times on the coarse grid come from 1-km distance profiles per depth level and phase,
 * computed once, on a local flat projection around the anchor: the search costs nodes × stations
 * array look-ups.
 */
final class Nucleator {
  private final Locator locator;
  private final int minStations;
  private final NucleationSettings settings;
  private final double[] depths;
  private final Map<Integer, double[][]> profiles = new HashMap<>();

  Nucleator(Locator locator, int minStations, NucleationSettings settings) {
    this.locator = locator;
    this.minStations = minStations;
    this.settings = settings;
    LocatorSettings ls = locator.settings();
    int levels = (int) Math.floor((ls.maxDepthKm() - ls.minDepthKm()) / settings.depthSpacingKm());
    this.depths = new double[levels + 1];
    for (int i = 0; i <= levels; i++) {
      depths[i] = ls.minDepthKm() + i * settings.depthSpacingKm();
    }
  }

  /**
   * An event made of {@code anchor} and free picks from {@code candidates}, or empty. Candidates
   * may hold several picks per station; each is used at most once.
   */
  Optional<Solution> nucleate(Observation anchor, List<Observation> candidates) {
    Station origin = anchor.station();
    double[] tolerance = tolerances();
    Map<String, List<Observation>> byStation = new LinkedHashMap<>();
    int usable = 0;
    for (Observation c : candidates) {
      if (!c.stationKey().equals(anchor.stationKey()) && reachable(anchor, c, tolerance)) {
        byStation.computeIfAbsent(c.stationKey(), k -> new ArrayList<>()).add(c);
        usable++;
      }
    }
    if (byStation.size() + 1 < minStations || usable + 1 < settings.minPicks()) {
      return Optional.empty();
    }
    Projected p = new Projected(anchor, byStation.values(), origin);
    Best best = scan(p, tolerance);
    if (best == null || best.stations < minStations || best.picks + 1 < settings.minPicks()) {
      return Optional.empty();
    }
    List<Observation> seed = new ArrayList<>();
    node(p, profile(best.z), best.x, best.y, tolerance, seed);
    seed.add(anchor);
    double lat = origin.latitude() + best.y / Geo.KM_PER_DEGREE;
    double lon = origin.longitude() + best.x / (Geo.KM_PER_DEGREE * p.cosLat);
    Optional<Solution> located = locator.locateNear(seed, lat, lon, settings.spacingKm());
    if (located.isEmpty()) {
      return Optional.empty();
    }
    List<Observation> all = new ArrayList<>(candidates);
    all.add(anchor);
    Solution s = Consistent.extend(locator, located.get(), all);
    return s.stations() >= minStations && s.picks() >= settings.minPicks()
        ? Optional.of(s)
        : Optional.empty();
  }

  /**
   * Whether a pick can belong with the anchor at all: for any source within the search square
   * around the anchor's station (so within radius·√2 of it), the time between the two arrivals is
   * bounded by the travel times over the distances the triangle inequality allows, at any depth
   * level. Most false picks fail this, and the scan skips stations left without candidates.
   */
  private boolean reachable(Observation anchor, Observation c, double[] tolerance) {
    double between =
        Geo.distanceKm(
            anchor.station().latitude(),
            anchor.station().longitude(),
            c.station().latitude(),
            c.station().longitude());
    double r = settings.radiusKm() * Math.sqrt(2);
    double rel = (c.timeNanos() - anchor.timeNanos()) / 1e9;
    int a = anchor.phase().ordinal();
    int q = c.phase().ordinal();
    double lower = Double.POSITIVE_INFINITY;
    double upper = Double.NEGATIVE_INFINITY;
    for (int z = 0; z < depths.length; z++) {
      double[][] profile = profile(z);
      double near = at(profile[q], Math.max(0, between - r));
      double far = at(profile[q], Math.min(profile[q].length - 1.001, between + r));
      lower = Math.min(lower, near - at(profile[a], Math.min(r, profile[a].length - 1.001)));
      upper = Math.max(upper, far - at(profile[a], 0));
    }
    double slack = tolerance[q] + tolerance[a];
    return !(rel < lower - slack || rel > upper + slack);
  }

  private double[] tolerances() {
    double h = settings.spacingKm();
    double dz = settings.depthSpacingKm();
    double slack = 0.5 * Math.sqrt(2 * h * h + dz * dz);
    double tol = locator.settings().residualTolerance();
    return new double[] {
      tol + slack / locator.travelTimes().surfaceVelocity(Phase.P),
      tol + slack / locator.travelTimes().surfaceVelocity(Phase.S)
    };
  }

  private Best scan(Projected p, double[] tolerance) {
    double h = settings.spacingKm();
    int half = (int) Math.floor(settings.radiusKm() / h);
    Best best = null;
    for (int z = 0; z < depths.length; z++) {
      double[][] profile = profile(z);
      for (int ix = -half; ix <= half; ix++) {
        for (int iy = -half; iy <= half; iy++) {
          Best b = node(p, profile, ix * h, iy * h, tolerance, null);
          if (b != null && (best == null || b.betterThan(best))) {
            best = new Best(b.x, b.y, z, b.stations, b.picks, b.misfit);
          }
        }
      }
    }
    return best;
  }

  /** Scores one node; adds the matched picks to {@code matched} if it is not null. */
  private Best node(
      Projected p,
      double[][] profile,
      double x,
      double y,
      double[] tolerance,
      List<Observation> matched) {
    double ta = at(profile[p.anchorPhase], Math.sqrt(x * x + y * y));
    if (Double.isNaN(ta)) {
      return null;
    }
    double t0 = -(ta + p.anchorDelay);
    int stations = 1;
    int picks = 0;
    double misfit = 0;
    for (int s = 0; s < p.xs.length; s++) {
      double d = Math.sqrt((x - p.xs[s]) * (x - p.xs[s]) + (y - p.ys[s]) * (y - p.ys[s]));
      boolean any = false;
      for (int phase = 0; phase < 2; phase++) {
        double predicted = t0 + at(profile[phase], d) + p.delays[s][phase];
        int bestPick = -1;
        double bestResidual = tolerance[phase];
        for (int k = 0; k < p.times[s].length; k++) {
          double r = Math.abs(p.times[s][k] - predicted);
          if (p.phases[s][k] == phase && r <= bestResidual) {
            bestPick = k;
            bestResidual = r;
          }
        }
        if (bestPick >= 0) {
          any = true;
          picks++;
          misfit += bestResidual;
          if (matched != null) {
            matched.add(p.observations[s][bestPick]);
          }
        }
      }
      stations += any ? 1 : 0;
    }
    return new Best(x, y, 0, stations, picks, misfit);
  }

  private static double at(double[] profile, double distanceKm) {
    int i = (int) distanceKm;
    if (i + 1 >= profile.length) {
      return Double.NaN;
    }
    double u = distanceKm - i;
    return profile[i] * (1 - u) + profile[i + 1] * u;
  }

  /** Surface travel times of P and S every km of distance from a source at depth level z. */
  private double[][] profile(int z) {
    return profiles.computeIfAbsent(
        z,
        k -> {
          int n = (int) Math.ceil(locator.settings().maxDistanceKm()) + 1;
          double[][] out = new double[2][n];
          for (Phase phase : Phase.values()) {
            for (int d = 0; d < n; d++) {
              out[phase.ordinal()][d] = locator.travelTimes().time(phase, d, depths[k], 0);
            }
          }
          return out;
        });
  }

  /** The anchor and candidates on a flat projection around the anchor's station. */
  private final class Projected {
    final double cosLat;
    final int anchorPhase;
    final double anchorDelay;
    final double[] xs;
    final double[] ys;
    final double[][] delays;
    final double[][] times;
    final int[][] phases;
    final Observation[][] observations;

    Projected(Observation anchor, java.util.Collection<List<Observation>> stations, Station at) {
      cosLat = Math.max(0.05, Math.cos(Math.toRadians(at.latitude())));
      anchorPhase = anchor.phase().ordinal();
      anchorDelay = delay(at, anchor.phase());
      int n = stations.size();
      xs = new double[n];
      ys = new double[n];
      delays = new double[n][2];
      times = new double[n][];
      phases = new int[n][];
      observations = new Observation[n][];
      int s = 0;
      for (List<Observation> picks : stations) {
        Station st = picks.get(0).station();
        xs[s] = (st.longitude() - at.longitude()) * Geo.KM_PER_DEGREE * cosLat;
        ys[s] = (st.latitude() - at.latitude()) * Geo.KM_PER_DEGREE;
        delays[s][0] = delay(st, Phase.P);
        delays[s][1] = delay(st, Phase.S);
        times[s] = new double[picks.size()];
        phases[s] = new int[picks.size()];
        observations[s] = picks.toArray(new Observation[0]);
        for (int k = 0; k < picks.size(); k++) {
          times[s][k] = (picks.get(k).timeNanos() - anchor.timeNanos()) / 1e9;
          phases[s][k] = picks.get(k).phase().ordinal();
        }
        s++;
      }
    }

    private double delay(Station st, Phase phase) {
      return st.elevation() / 1000.0 / locator.travelTimes().surfaceVelocity(phase);
    }
  }

  private record Best(double x, double y, int z, int stations, int picks, double misfit) {
    boolean betterThan(Best o) {
      if (stations != o.stations) {
        return stations > o.stations;
      }
      if (picks != o.picks) {
        return picks > o.picks;
      }
      return misfit < o.misfit;
    }
  }
}
