package org.seiswatch.detector.phasenet;

/**
 * The caller-side normalisation of a PhaseNet window ({@code models/README.md} "Contract", manifest
 * {@code normalization_by_caller}): per channel subtract the mean, divide by the population
 * standard deviation (1 if it is 0), then if only k = 1 or 2 channels are non-zero multiply every
 * channel by 3/k. Computed in double precision, returned as float32.
 */
public final class WindowNormalizer {
  private WindowNormalizer() {}

  /**
   * Normalises one window.
   *
   * @param channels {@code [3][n]} raw samples in manifest channel order (zeros for a missing
   *     component)
   */
  public static float[][] normalize(double[][] channels) {
    int c = channels.length;
    double[] mean = new double[c];
    double[] std = new double[c];
    int nonZero = 0;
    for (int ch = 0; ch < c; ch++) {
      double[] x = channels[ch];
      double m = 0;
      for (double v : x) {
        m += v;
      }
      m /= x.length;
      double var = 0;
      for (double v : x) {
        double d = v - m;
        var += d * d;
      }
      double s = Math.sqrt(var / x.length);
      if (s > 0) {
        nonZero++;
      } else {
        s = 1;
      }
      mean[ch] = m;
      std[ch] = s;
    }
    double scale = nonZero > 0 && nonZero < c ? (double) c / nonZero : 1.0;
    // One pass per channel straight to float32, with the same double operations in the same order
    // as standardising first and scaling after: the result is bit for bit the same.
    float[][] result = new float[c][];
    for (int ch = 0; ch < c; ch++) {
      double[] x = channels[ch];
      double m = mean[ch];
      double s = std[ch];
      float[] f = new float[x.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) ((x[i] - m) / s * scale);
      }
      result[ch] = f;
    }
    return result;
  }
}
