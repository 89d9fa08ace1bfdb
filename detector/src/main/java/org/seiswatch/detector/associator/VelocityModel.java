package org.seiswatch.detector.associator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A flat 1-D layered P-velocity model: layer tops in km below sea level (negative above it) and
 * constant velocities in km/s; the last layer is a half-space and the first extends upwards to the
 * highest station. Written as {@code top:vp,top:vp,...}, for example {@code
 * -5:3.6,0:5.0,3:5.9,7:6.5,12:7.1,17:8.0}.
 *
 * <p>{@link #travelTime} gives the first P arrival as the faster of the direct ray and the head
 * waves along every interface below source and receiver (e.g. Shearer, <i>Introduction to
 * Seismology</i>, ch. 4; HYPO71's layered travel times).
 */
public final class VelocityModel {
  private final double[] tops;
  private final double[] velocities;

  public VelocityModel(double[] tops, double[] velocities) {
    if (tops.length == 0 || tops.length != velocities.length) {
      throw new IllegalArgumentException("velocity model needs one velocity per layer top");
    }
    for (int i = 0; i < tops.length; i++) {
      if (!(velocities[i] > 0) || (i > 0 && !(tops[i] > tops[i - 1]))) {
        throw new IllegalArgumentException(
            "velocity model layer " + i + ": tops must increase and velocities be > 0");
      }
    }
    this.tops = tops.clone();
    this.velocities = velocities.clone();
  }

  /** Parses {@code top:vp,top:vp,...}. */
  public static VelocityModel parse(String text) {
    List<double[]> layers = new ArrayList<>();
    for (String part : text.split(",")) {
      String[] tv = part.trim().split(":");
      if (tv.length != 2) {
        throw new IllegalArgumentException("velocity model layer '" + part + "' is not top:vp");
      }
      layers.add(new double[] {Double.parseDouble(tv[0].trim()), Double.parseDouble(tv[1].trim())});
    }
    return new VelocityModel(
        layers.stream().mapToDouble(l -> l[0]).toArray(),
        layers.stream().mapToDouble(l -> l[1]).toArray());
  }

  /** A half-space of one velocity. */
  public static VelocityModel uniform(double velocity) {
    return new VelocityModel(new double[] {0}, new double[] {velocity});
  }

  /**
   * First-arrival P travel time in seconds over {@code distanceKm} (horizontal) from a source at
   * {@code sourceDepthKm} to a receiver at {@code receiverDepthKm} (both below sea level; a station
   * at 2 km elevation is at -2).
   */
  public double travelTime(double distanceKm, double sourceDepthKm, double receiverDepthKm) {
    double upper = Math.min(sourceDepthKm, receiverDepthKm);
    double lower = Math.max(sourceDepthKm, receiverDepthKm);
    double best = direct(distanceKm, upper, lower);
    for (int m = 1; m < tops.length; m++) {
      if (tops[m] > lower) {
        best = Math.min(best, head(distanceKm, m, sourceDepthKm, receiverDepthKm));
      }
    }
    return best;
  }

  private double overlap(int layer, double from, double to) {
    double top = layer == 0 ? Double.NEGATIVE_INFINITY : tops[layer];
    double bottom = layer + 1 < tops.length ? tops[layer + 1] : Double.POSITIVE_INFINITY;
    return Math.max(0, Math.min(to, bottom) - Math.max(from, top));
  }

  private int layerAt(double depth) {
    int layer = 0;
    while (layer + 1 < tops.length && depth >= tops[layer + 1]) {
      layer++;
    }
    return layer;
  }

  private double direct(double x, double upper, double lower) {
    double[] h = new double[tops.length];
    double vmax = 0;
    for (int i = 0; i < tops.length; i++) {
      h[i] = overlap(i, upper, lower);
      if (h[i] > 0) {
        vmax = Math.max(vmax, velocities[i]);
      }
    }
    if (vmax == 0) {
      return x / velocities[layerAt(upper)];
    }
    double lo = 0;
    double hi = (1 - 1e-12) / vmax;
    for (int iter = 0; iter < 60 && x > 0; iter++) {
      double p = (lo + hi) / 2;
      if (offset(p, h) < x) {
        lo = p;
      } else {
        hi = p;
      }
    }
    double p = x > 0 ? (lo + hi) / 2 : 0;
    // Close the remaining horizontal distance at the ray's slowness (exact in the limit).
    return time(p, h) + p * (x - offset(p, h));
  }

  private double offset(double p, double[] h) {
    double x = 0;
    for (int i = 0; i < h.length; i++) {
      if (h[i] > 0) {
        double pv = p * velocities[i];
        x += h[i] * pv / Math.sqrt(1 - pv * pv);
      }
    }
    return x;
  }

  private double time(double p, double[] h) {
    double t = 0;
    for (int i = 0; i < h.length; i++) {
      if (h[i] > 0) {
        double pv = p * velocities[i];
        t += h[i] / (velocities[i] * Math.sqrt(1 - pv * pv));
      }
    }
    return t;
  }

  private double head(double x, int m, double source, double receiver) {
    double p = 1 / velocities[m];
    double t = x * p;
    double critical = 0;
    for (int i = 0; i < m; i++) {
      double h = overlap(i, source, tops[m]) + overlap(i, receiver, tops[m]);
      if (h > 0) {
        if (velocities[i] >= velocities[m]) {
          return Double.POSITIVE_INFINITY;
        }
        double pv = p * velocities[i];
        double cos = Math.sqrt(1 - pv * pv);
        t += h * cos / velocities[i];
        critical += h * pv / cos;
      }
    }
    return x >= critical ? t : Double.POSITIVE_INFINITY;
  }

  /** Slowest layer velocity, km/s. */
  public double slowestVelocity() {
    double min = Double.POSITIVE_INFINITY;
    for (double v : velocities) {
      min = Math.min(min, v);
    }
    return min;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < tops.length; i++) {
      sb.append(i == 0 ? "" : ",")
          .append(String.format(Locale.ROOT, "%s:%s", tops[i], velocities[i]));
    }
    return sb.toString();
  }
}
