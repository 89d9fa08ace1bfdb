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
    double[][] out = new double[c][];
    int nonZero = 0;
    for (int ch = 0; ch < c; ch++) {
      double[] x = channels[ch];
      double mean = 0;
      for (double v : x) {
        mean += v;
      }
      mean /= x.length;
      double var = 0;
      for (double v : x) {
        double d = v - mean;
        var += d * d;
      }
      double std = Math.sqrt(var / x.length);
      if (std > 0) {
        nonZero++;
      } else {
        std = 1;
      }
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = (x[i] - mean) / std;
      }
      out[ch] = y;
    }
    double scale = nonZero > 0 && nonZero < c ? (double) c / nonZero : 1.0;
    float[][] result = new float[c][];
    for (int ch = 0; ch < c; ch++) {
      float[] f = new float[out[ch].length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) (out[ch][i] * scale);
      }
      result[ch] = f;
    }
    return result;
  }
}
