package org.seiswatch.detector.associator;

import java.util.List;
import org.seiswatch.common.geo.Geo;

/**
 * Damped (Levenberg–Marquardt) weighted least squares for latitude, longitude, depth and origin
 * time from a starting hypocentre, with travel-time derivatives by finite differences. Weights: 1
 * for P, 0.5 for S. The 1-sigma errors come from the covariance {@code σ² (JᵀWJ)⁻¹} at the
 * solution, with σ² the weighted residual variance over n − 4 degrees of freedom, but at least (0.1
 * s)² so that a perfect fit of few picks does not claim zero error. Depth stays within the
 * locator's depth range (a clamped depth keeps its error from the covariance).
 */
final class LeastSquares {
  private static final int ITERATIONS = 12;
  private static final double STEP_KM = 0.5;
  private static final double MIN_SIGMA = 0.1;

  private final Locator locator;
  private final LocatorSettings settings;

  LeastSquares(Locator locator, LocatorSettings settings) {
    this.locator = locator;
    this.settings = settings;
  }

  Solution solve(List<Observation> obs, double lat, double lon, double depth, long originNanos) {
    double[] h = {lat, lon, depth, 0};
    long ref = originNanos;
    double cost = cost(obs, h, ref);
    double lambda = 1e-2;
    for (int it = 0; it < ITERATIONS && obs.size() >= 4 && Double.isFinite(cost); it++) {
      double[][] normal = new double[4][4];
      double[] rhs = new double[4];
      normalEquations(obs, h, ref, normal, rhs);
      double[] step = null;
      double[] trial = null;
      double trialCost = Double.POSITIVE_INFINITY;
      for (int attempt = 0; attempt < 6; attempt++) {
        double[][] damped = new double[4][4];
        for (int r = 0; r < 4; r++) {
          damped[r] = normal[r].clone();
          damped[r][r] += lambda * (normal[r][r] + 1e-6);
        }
        step = Matrix4.solve(damped, rhs);
        if (step == null) {
          break;
        }
        trial = moved(h, step);
        trialCost = cost(obs, trial, ref);
        if (trialCost < cost) {
          break;
        }
        lambda *= 10;
      }
      if (step == null || !(trialCost < cost)) {
        break;
      }
      lambda = Math.max(lambda / 10, 1e-6);
      boolean small = Math.hypot(step[0], step[1]) < 0.01 && Math.abs(step[2]) < 0.01;
      h = trial;
      cost = trialCost;
      if (small) {
        break;
      }
    }
    return solution(obs, h, ref);
  }

  private double[] moved(double[] h, double[] step) {
    double lat = h[0] + step[1] / Geo.KM_PER_DEGREE;
    double lon = h[1] + step[0] / (Geo.KM_PER_DEGREE * Math.cos(Math.toRadians(h[0])));
    double depth = Math.max(settings.minDepthKm(), Math.min(settings.maxDepthKm(), h[2] + step[2]));
    return new double[] {lat, lon, depth, h[3] + step[3]};
  }

  private double residual(Observation o, double[] h, long ref) {
    double tt = locator.travelTime(h[0], h[1], h[2], o);
    return (o.timeNanos() - ref) / 1e9 - h[3] - tt;
  }

  private double cost(List<Observation> obs, double[] h, long ref) {
    double sum = 0;
    for (Observation o : obs) {
      double w = Locator.weight(o.phase());
      double r = residual(o, h, ref);
      sum += w * w * r * r;
    }
    return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
  }

  /** Rows (∂t/∂east, ∂t/∂north, ∂t/∂depth, 1) of the Jacobian, accumulated weighted. */
  private void normalEquations(
      List<Observation> obs, double[] h, long ref, double[][] normal, double[] rhs) {
    double kmLat = 1 / Geo.KM_PER_DEGREE;
    double kmLon = kmLat / Math.cos(Math.toRadians(h[0]));
    double dz = h[2] + STEP_KM <= settings.maxDepthKm() ? STEP_KM : -STEP_KM;
    for (Observation o : obs) {
      double t = locator.travelTime(h[0], h[1], h[2], o);
      double[] row = {
        (locator.travelTime(h[0], h[1] + STEP_KM * kmLon, h[2], o) - t) / STEP_KM,
        (locator.travelTime(h[0] + STEP_KM * kmLat, h[1], h[2], o) - t) / STEP_KM,
        (locator.travelTime(h[0], h[1], h[2] + dz, o) - t) / dz,
        1
      };
      double r = (o.timeNanos() - ref) / 1e9 - h[3] - t;
      double w = Locator.weight(o.phase());
      if (Double.isNaN(r) || Double.isNaN(row[0] + row[1] + row[2])) {
        continue;
      }
      for (int a = 0; a < 4; a++) {
        rhs[a] += w * w * row[a] * r;
        for (int b = 0; b < 4; b++) {
          normal[a][b] += w * w * row[a] * row[b];
        }
      }
    }
  }

  private Solution solution(List<Observation> obs, double[] h, long ref) {
    double[] residuals = new double[obs.size()];
    double sum = 0;
    double weighted = 0;
    for (int i = 0; i < residuals.length; i++) {
      residuals[i] = residual(obs.get(i), h, ref);
      sum += residuals[i] * residuals[i];
      double w = Locator.weight(obs.get(i).phase());
      weighted += w * w * residuals[i] * residuals[i];
    }
    double rms = residuals.length == 0 ? Double.NaN : Math.sqrt(sum / residuals.length);
    double[][] normal = new double[4][4];
    normalEquations(obs, h, ref, normal, new double[4]);
    double[][] inverse = Matrix4.invert(normal);
    double sigma2 = Math.max(MIN_SIGMA * MIN_SIGMA, weighted / Math.max(1, obs.size() - 4));
    double cxx = Double.NaN;
    double cyy = Double.NaN;
    double cxy = 0;
    double czz = Double.NaN;
    double ctt = Double.NaN;
    if (inverse != null && obs.size() >= 4) {
      cxx = sigma2 * inverse[0][0];
      cyy = sigma2 * inverse[1][1];
      cxy = sigma2 * inverse[0][1];
      czz = sigma2 * inverse[2][2];
      ctt = sigma2 * inverse[3][3];
    }
    double semiMajor =
        Math.sqrt((cxx + cyy) / 2 + Math.sqrt((cxx - cyy) * (cxx - cyy) / 4 + cxy * cxy));
    return new Solution(
        h[0],
        h[1],
        h[2],
        ref + Math.round(h[3] * 1e9),
        rms,
        obs,
        residuals,
        semiMajor,
        Math.sqrt(cyy),
        Math.sqrt(cxx),
        Math.sqrt(czz),
        Math.sqrt(ctt));
  }
}
