package org.seiswatch.detector.magnitude;

import java.util.Locale;

/**
 * Settings of the local magnitude computed in the associator. See {@code DetectorConfig} ({@code
 * magnitude.*}) for meanings and defaults.
 *
 * <p>Station ML = {@code log10(A) − log A0(r)} with A the peak Wood-Anderson amplitude in mm and
 * {@code −log A0(r) = n · log10(r / r_ref) + k · (r − r_ref) + c}, r the hypocentral distance in
 * km. Defaults: Hutton and Boore (1987, BSSA 77(6), 2074–2094), n = 1.110, k = 0.00189, c = 3.0,
 * r_ref = 100 km, which gives Richter's −log A0(100 km) = 3.
 *
 * @param enabled whether events carry a magnitude
 * @param n geometric spreading coefficient
 * @param k anelastic attenuation coefficient, 1/km
 * @param c value of −log A0 at the reference distance
 * @param referenceKm reference distance, km
 * @param minStations fewer stations make the magnitude unreliable
 * @param minWindowSeconds shortest time after the predicted S the window extends
 * @param windowFactor the window extends {@code max(minWindowSeconds, windowFactor × (S − P))}
 *     after the predicted S
 * @param combine how a station's two horizontals combine: {@value #MEAN} (mean of their MLs, i.e.
 *     geometric mean of the amplitudes) or {@value #MAX} (larger amplitude)
 */
public record MagnitudeSettings(
    boolean enabled,
    double n,
    double k,
    double c,
    double referenceKm,
    int minStations,
    double minWindowSeconds,
    double windowFactor,
    String combine) {
  public static final String MEAN = "mean";
  public static final String MAX = "max";
  public static final MagnitudeSettings DEFAULTS =
      new MagnitudeSettings(true, 1.110, 0.00189, 3.0, 100, 3, 10, 1.5, MEAN);

  public MagnitudeSettings {
    combine = combine == null ? MEAN : combine.toLowerCase(Locale.ROOT);
    if (!MEAN.equals(combine) && !MAX.equals(combine)) {
      throw new IllegalArgumentException("magnitude horizontals '" + combine + "': mean or max");
    }
    if (!(referenceKm > 0 && minWindowSeconds >= 0 && windowFactor >= 0)) {
      throw new IllegalArgumentException("magnitude reference distance or window out of range");
    }
    if (minStations < 1) {
      throw new IllegalArgumentException("magnitude minimum stations " + minStations + " < 1");
    }
  }

  /** {@code −log A0} at hypocentral distance {@code r} km. */
  public double minusLogA0(double r) {
    return n * Math.log10(r / referenceKm) + k * (r - referenceKm) + c;
  }

  /** Station ML from a peak Wood-Anderson amplitude in mm at hypocentral distance {@code r} km. */
  public double ml(double amplitudeMm, double r) {
    return Math.log10(amplitudeMm) + minusLogA0(r);
  }
}
