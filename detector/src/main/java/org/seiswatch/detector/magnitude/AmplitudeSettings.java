package org.seiswatch.detector.magnitude;

/**
 * Settings of the Wood-Anderson amplitude processor. See {@code DetectorConfig} ({@code
 * magnitude.*}) for meanings and defaults.
 *
 * @param highPassHz corner of the Butterworth high-pass that keeps the simulation stable (removes
 *     the drift that integrating velocity or acceleration to displacement would give)
 * @param lowPassHz corner of the Butterworth low-pass that bounds the deconvolved instrument's
 *     high-frequency gain (lowered to 0.4 × the sample rate)
 * @param warmupSeconds samples this long after the start of a segment do not count towards
 *     amplitudes (the filters settle)
 * @param fullScaleCounts the digitiser's full scale, counts
 * @param clipFraction a sample with |count| ≥ this × full scale is clipped
 * @param clipFlatSamples this many consecutive equal samples at a block's largest |count| (at least
 *     half of full scale) are a flat top: clipped
 */
public record AmplitudeSettings(
    double highPassHz,
    double lowPassHz,
    double warmupSeconds,
    double fullScaleCounts,
    double clipFraction,
    int clipFlatSamples) {
  public static final AmplitudeSettings DEFAULTS =
      new AmplitudeSettings(0.2, 25, 10, 8_388_608, 0.95, 10);

  public AmplitudeSettings {
    if (!(highPassHz > 0 && lowPassHz > highPassHz)) {
      throw new IllegalArgumentException(
          "magnitude filter corners: need 0 < high-pass "
              + highPassHz
              + " < low-pass "
              + lowPassHz);
    }
    if (!(warmupSeconds >= 0 && fullScaleCounts > 0 && clipFraction > 0 && clipFraction <= 1)) {
      throw new IllegalArgumentException(
          "magnitude warm-up, full scale or clip fraction out of range");
    }
    if (clipFlatSamples < 2) {
      throw new IllegalArgumentException("magnitude clip flat samples " + clipFlatSamples + " < 2");
    }
  }
}
