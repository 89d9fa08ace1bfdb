package org.seiswatch.detector.magnitude;

/**
 * The standard Wood-Anderson torsion seismometer the local magnitude is defined on: natural period
 * {@value #PERIOD_S} s, damping {@value #DAMPING} of critical, static magnification {@value #GAIN}
 * (Uhrhammer and Collins, 1990, BSSA 80(3), 702–716, who showed that the instrument Richter used
 * had a magnification of 2080 rather than the nominal 2800; Hutton and Boore (1987) calibrated
 * their −log A0 with 2800, a difference of 0.13 in ML that the {@code magnitude.logA0.c} constant
 * absorbs if needed).
 *
 * <p>Its response to ground displacement is {@code H(s) = −G s² / (s² + 2 h ω0 s + ω0²)}, with
 * {@code ω0 = 2π / T0}: flat (magnification G) above about 1.25 Hz, falling as {@code f²} below.
 */
public final class WoodAnderson {
  /** Natural period, seconds. */
  public static final double PERIOD_S = 0.8;

  /** Damping, fraction of critical. */
  public static final double DAMPING = 0.7;

  /** Static (high-frequency) magnification of ground displacement. */
  public static final double GAIN = 2080;

  static final double OMEGA0 = 2 * Math.PI / PERIOD_S;

  private WoodAnderson() {}

  /** {@code |H(i 2π f)|}: Wood-Anderson displacement per ground displacement at {@code f} Hz. */
  public static double gain(double frequencyHz) {
    double w = 2 * Math.PI * frequencyHz;
    double re = OMEGA0 * OMEGA0 - w * w;
    double im = 2 * DAMPING * OMEGA0 * w;
    return GAIN * w * w / Math.hypot(re, im);
  }

  /** The two poles, rad/s. */
  static double[][] poles() {
    double re = -DAMPING * OMEGA0;
    double im = OMEGA0 * Math.sqrt(1 - DAMPING * DAMPING);
    return new double[][] {{re, im}, {re, -im}};
  }
}
