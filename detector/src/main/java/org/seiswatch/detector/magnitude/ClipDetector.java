package org.seiswatch.detector.magnitude;

/**
 * Decides whether a block of raw counts is clipped, by two rules (either is enough):
 *
 * <ol>
 *   <li><b>near full scale</b>: some |count| ≥ {@code clipFraction} × {@code fullScaleCounts}
 *       (defaults 0.95 × 2²³ = 7,969,178 counts for a 24-bit digitiser). A clipped broadband record
 *       rarely shows a flat top: the digitiser's FIR filter rings after the analog stage saturates,
 *       so the counts come within a few percent of full scale without sitting on it.
 *   <li><b>flat top</b>: at least {@code clipFlatSamples} (default 10) consecutive equal samples at
 *       the block's largest |count|, that value being at least half of full scale (a saturated
 *       sensor or a digitiser that clips hard; the half-scale floor keeps a dead channel's constant
 *       output from counting).
 * </ol>
 *
 * <p>In the bundled hv70907436 records every station has near-full-scale samples on at least one
 * horizontal channel from the S wave on (HUAD from 03:09:10, HOVE.HHE from 03:09:23; only HOVE.HHN
 * stays below 95 %), and HUAD.HHZ and TOUO.HHZ also have flat tops of hundreds of samples at 95 %
 * of full scale. Runs are counted within one block only.
 */
public final class ClipDetector {
  private final double threshold;
  private final double flatFloor;
  private final int flatSamples;

  public ClipDetector(AmplitudeSettings settings) {
    this.threshold = settings.clipFraction() * settings.fullScaleCounts();
    this.flatFloor = 0.5 * settings.fullScaleCounts();
    this.flatSamples = settings.clipFlatSamples();
  }

  /** Whether {@code counts} is clipped by either rule. */
  public boolean clipped(double[] counts) {
    double extreme = 0;
    for (double c : counts) {
      double a = Math.abs(c);
      if (a >= threshold) {
        return true;
      }
      extreme = Math.max(extreme, a);
    }
    if (extreme < flatFloor) {
      return false;
    }
    int run = 0;
    for (int i = 0; i < counts.length; i++) {
      if (Math.abs(counts[i]) == extreme && (run == 0 || counts[i] == counts[i - 1])) {
        run++;
        if (run >= flatSamples) {
          return true;
        }
      } else {
        run = Math.abs(counts[i]) == extreme ? 1 : 0;
      }
    }
    return false;
  }
}
