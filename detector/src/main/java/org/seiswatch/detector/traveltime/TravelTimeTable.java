package org.seiswatch.detector.traveltime;

import edu.sc.seis.TauP.TauModel;
import java.nio.file.Path;
import org.seiswatch.common.geo.Geo;
import org.seiswatch.common.model.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First-arriving P and S travel times of a 1-D Earth model computed with TauP, tabulated over
 * epicentral distance and source depth ({@link TableGrid}) and interpolated bilinearly. Built once
 * per model and grid, then kept in a cache directory ({@link TableCache}); a corrupt or stale cache
 * file is rebuilt. {@code TravelTimeTableTest} states the interpolation error against TauP.
 *
 * <p>Receivers are at the model surface; {@link #time(Phase, double, double, double)} adds a
 * station-elevation term through the model's surface velocity along the ray's incidence angle.
 */
public final class TravelTimeTable {
  private static final Logger LOG = LoggerFactory.getLogger(TravelTimeTable.class);

  private final String model;
  private final TableGrid grid;
  private final double[] depths;
  private final int distances;
  private final float[][] times;
  private final double[] surfaceVelocity;

  TravelTimeTable(String model, TableGrid grid, float[][] times, double[] surfaceVelocity) {
    this.model = model;
    this.grid = grid;
    this.depths = grid.depths();
    this.distances = grid.distanceCount();
    if (times.length != 2 || times[0].length != depths.length * distances) {
      throw new IllegalArgumentException("travel-time table does not match its grid");
    }
    this.times = times;
    this.surfaceVelocity = surfaceVelocity.clone();
  }

  /**
   * The table of {@code model} (a TauP model name such as {@code iasp91} or {@code ak135}, or the
   * path of a {@code .nd} or {@code .tvel} file) on {@code grid}, from {@code cacheDir} if it holds
   * a sound copy, otherwise computed with TauP and saved there.
   */
  public static TravelTimeTable load(String model, TableGrid grid, Path cacheDir) {
    TableCache cache = new TableCache(cacheDir);
    String key = TableCache.key(model, grid, TauPBuilder.tauPVersion());
    return cache.read(key, model, grid).orElseGet(() -> build(model, grid, cache, key));
  }

  /** Computes the table with TauP, without any cache. */
  public static TravelTimeTable compute(String model, TableGrid grid) {
    long start = System.nanoTime();
    TauModel tauModel = TauPBuilder.load(model);
    float[][] times = TauPBuilder.build(tauModel, grid);
    TravelTimeTable table =
        new TravelTimeTable(model, grid, times, TauPBuilder.surfaceVelocities(tauModel));
    LOG.info(
        "travel-time table {} ({}) built with TauP {} in {} ms: {} distances x {} depths, {} KB",
        model,
        grid.key(),
        TauPBuilder.tauPVersion(),
        (System.nanoTime() - start) / 1_000_000,
        table.distances,
        table.depths.length,
        table.sizeBytes() / 1024);
    return table;
  }

  private static TravelTimeTable build(String model, TableGrid grid, TableCache cache, String key) {
    TravelTimeTable table = compute(model, grid);
    cache.write(key, table);
    return table;
  }

  public String model() {
    return model;
  }

  public TableGrid grid() {
    return grid;
  }

  /** Bytes of tabulated times. */
  public long sizeBytes() {
    return 4L * (times[0].length + times[1].length);
  }

  /** Surface velocity of the phase, km/s. */
  public double surfaceVelocity(Phase phase) {
    return surfaceVelocity[phase.ordinal()];
  }

  /** Travel time in seconds at the surface, or NaN outside the table or where none arrives. */
  public double time(Phase phase, double distanceDeg, double depthKm) {
    float[] t = times[phase.ordinal()];
    double fd = distanceDeg / grid.distanceStepDeg();
    if (!(fd >= 0 && fd <= distances - 1 && depthKm >= 0 && depthKm <= depths[depths.length - 1])) {
      return Double.NaN;
    }
    int d = Math.min((int) fd, distances - 2);
    int z = depthIndex(depthKm);
    double u = fd - d;
    double w = (depthKm - depths[z]) / (depths[z + 1] - depths[z]);
    int i = z * distances + d;
    double top = t[i] * (1 - u) + t[i + 1] * u;
    double bottom = t[i + distances] * (1 - u) + t[i + distances + 1] * u;
    return top * (1 - w) + bottom * w;
  }

  /**
   * Travel time in seconds to a station {@code elevationKm} above the surface: the surface time
   * plus the path through the surface layer, {@code h·sqrt(1/v² − p²)} with the horizontal slowness
   * p taken from the table.
   */
  public double time(Phase phase, double distanceDeg, double depthKm, double elevationKm) {
    double t = time(phase, distanceDeg, depthKm);
    if (elevationKm == 0 || Double.isNaN(t)) {
      return t;
    }
    double h = grid.distanceStepDeg();
    double from = Math.max(0, distanceDeg - h / 2);
    double to = Math.min(grid.maxDistanceDeg(), from + h);
    double slope = (time(phase, to, depthKm) - time(phase, from, depthKm)) / (to - from);
    double p = Double.isNaN(slope) ? 0 : Math.abs(slope) / Geo.KM_PER_DEGREE;
    double v = surfaceVelocity(phase);
    return t + elevationKm * Math.sqrt(Math.max(0, 1 / (v * v) - p * p));
  }

  private int depthIndex(double depthKm) {
    int lo = 0;
    int hi = depths.length - 2;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (depths[mid] <= depthKm) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  float[][] times() {
    return times;
  }

  double[] surfaceVelocities() {
    return surfaceVelocity.clone();
  }
}
