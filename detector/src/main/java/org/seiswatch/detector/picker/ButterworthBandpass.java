package org.seiswatch.detector.picker;

/**
 * Causal 4-pole Butterworth band-pass: a 4th-order high-pass at the low corner cascaded with a
 * 4th-order low-pass at the high corner, each as two biquads (bilinear transform with pre-warping,
 * R. Bristow-Johnson's "Audio EQ Cookbook" forms; pole-pair Q values 1/(2 cos(π/8)) and 1/(2
 * cos(3π/8))). The filter itself is stateless; its state (two values per biquad) lives in the
 * caller's array so that it can be stored between records and results do not depend on where
 * records start and end.
 */
public final class ButterworthBandpass {
  /** Length of the state array {@link #filter} expects. */
  public static final int STATE_SIZE = 8;

  private static final double[] Q = {
    1 / (2 * Math.cos(Math.PI / 8)), 1 / (2 * Math.cos(3 * Math.PI / 8))
  };

  private final double[][] b = new double[4][];
  private final double[][] a = new double[4][];

  /**
   * @param lowHz high-pass corner
   * @param highHz low-pass corner, below the Nyquist frequency
   */
  public ButterworthBandpass(double lowHz, double highHz, double sampleRate) {
    if (!(lowHz > 0 && highHz > lowHz && highHz < sampleRate / 2)) {
      throw new IllegalArgumentException(
          "band-pass " + lowHz + "-" + highHz + " Hz does not fit sample rate " + sampleRate);
    }
    for (int i = 0; i < 2; i++) {
      design(i, lowHz, sampleRate, Q[i], true);
      design(i + 2, highHz, sampleRate, Q[i], false);
    }
  }

  private void design(int section, double corner, double rate, double q, boolean highPass) {
    double w0 = 2 * Math.PI * corner / rate;
    double cos = Math.cos(w0);
    double alpha = Math.sin(w0) / (2 * q);
    double a0 = 1 + alpha;
    double g = highPass ? (1 + cos) / 2 : (1 - cos) / 2;
    double b1 = highPass ? -(1 + cos) : 1 - cos;
    b[section] = new double[] {g / a0, b1 / a0, g / a0};
    a[section] = new double[] {-2 * cos / a0, (1 - alpha) / a0};
  }

  /** Filters one sample, updating {@code state} (transposed direct form II per biquad). */
  public double filter(double x, double[] state) {
    double y = x;
    for (int s = 0; s < 4; s++) {
      double[] bs = b[s];
      double[] as = a[s];
      int k = 2 * s;
      double out = bs[0] * y + state[k];
      state[k] = bs[1] * y - as[0] * out + state[k + 1];
      state[k + 1] = bs[2] * y - as[1] * out;
      y = out;
    }
    return y;
  }
}
