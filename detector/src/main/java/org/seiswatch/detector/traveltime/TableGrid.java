package org.seiswatch.detector.traveltime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Nodes of a travel-time table: epicentral distance from 0 to {@code maxDistanceDeg} every {@code
 * distanceStepDeg}, source depth from 0 to {@code maxDepthKm} every 1 km down to 50 km, every 2 km
 * down to 200 km and every 5 km below (travel times bend most near the surface and the source).
 */
public record TableGrid(double maxDistanceDeg, double distanceStepDeg, double maxDepthKm) {
  /** 0–20° every 0.01° (1.1 km), 0–700 km deep. */
  public static final TableGrid REGIONAL = new TableGrid(20, 0.01, 700);

  public TableGrid {
    if (!(distanceStepDeg > 0 && maxDistanceDeg >= distanceStepDeg && maxDistanceDeg <= 180)) {
      throw new IllegalArgumentException(
          "travel-time grid: distance step " + distanceStepDeg + ", maximum " + maxDistanceDeg);
    }
    if (!(maxDepthKm >= 1 && maxDepthKm <= 800)) {
      throw new IllegalArgumentException("travel-time grid: maximum depth " + maxDepthKm);
    }
  }

  public int distanceCount() {
    return (int) Math.floor(maxDistanceDeg / distanceStepDeg + 1e-9) + 1;
  }

  /** Depth nodes, km, increasing from 0. */
  public double[] depths() {
    List<Double> out = new ArrayList<>();
    double z = 0;
    while (z < maxDepthKm - 1e-9) {
      out.add(z);
      z += z < 50 ? 1 : z < 200 ? 2 : 5;
    }
    out.add(maxDepthKm);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Stable text naming the grid, part of the cache key. */
  String key() {
    return String.format(
        Locale.ROOT, "d%.6f:%.6f;z%.3f", maxDistanceDeg, distanceStepDeg, maxDepthKm);
  }
}
