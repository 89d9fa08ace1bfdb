package org.seiswatch.common.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The analog (Laplace) poles and zeros of a channel's response, enough, with the channel's overall
 * sensitivity and input units, to remove the instrument and simulate another one (Wood-Anderson for
 * ML): {@code H(s) = A0 · Π(s − z) / Π(s − p)}, from FDSN StationXML {@code PolesZeros} (see
 * https://docs.fdsn.org/projects/stationxml/en/latest/reference.html#poleszeros).
 *
 * <p>The channel's {@link Channel#sensitivity()} (counts per input unit at {@link
 * Channel#sensitivityFrequency()}) carries the gain; the shape comes from the poles and zeros.
 * Users should normalise the shape at the sensitivity frequency ({@code |H(i 2π f_s)| =
 * sensitivity}) rather than trust {@code A0} and the stage gains to be consistent.
 *
 * @param unit {@value #RAD_PER_S} for {@code LAPLACE (RADIANS/SECOND)}, {@value #HZ} for {@code
 *     LAPLACE (HERTZ)} (poles, zeros and {@code s} are then in Hz, {@code s = i f})
 * @param normalizationFactor A0: makes {@code |H|} 1 at {@code normalizationFrequency}
 * @param normalizationFrequency Hz
 * @param inputUnits input units of the poles-and-zeros stage, as in StationXML ({@code M/S}, {@code
 *     M/S**2}, {@code M}); the channel's {@code inputUnits} are the overall ones
 * @param zeros the zeros, in {@code unit}
 * @param poles the poles, in {@code unit}
 */
public record PolesZeros(
    String unit,
    double normalizationFactor,
    double normalizationFrequency,
    String inputUnits,
    List<Complex> zeros,
    List<Complex> poles) {
  public static final String RAD_PER_S = "rad/s";
  public static final String HZ = "Hz";

  public PolesZeros {
    Objects.requireNonNull(unit, "poles and zeros unit");
    if (!RAD_PER_S.equals(unit) && !HZ.equals(unit)) {
      throw new IllegalArgumentException(
          "poles and zeros unit " + unit + " is neither " + RAD_PER_S + " nor " + HZ);
    }
    zeros = zeros == null ? List.of() : List.copyOf(zeros);
    poles = poles == null ? List.of() : List.copyOf(poles);
    inputUnits = inputUnits == null ? "" : inputUnits;
  }

  /** The factor that turns this response's roots into rad/s. */
  public double toRadPerSecond() {
    return HZ.equals(unit) ? 2 * Math.PI : 1;
  }

  /** Whether {@code units} (StationXML spelling, any case) is one of velocity in m/s. */
  public static boolean isVelocity(String units) {
    return "M/S".equals(norm(units));
  }

  /** Whether {@code units} is acceleration in m/s². */
  public static boolean isAcceleration(String units) {
    String u = norm(units);
    return "M/S**2".equals(u) || "M/S^2".equals(u) || "M/S/S".equals(u) || "M/S2".equals(u);
  }

  /** Whether {@code units} is displacement in m. */
  public static boolean isDisplacement(String units) {
    return "M".equals(norm(units));
  }

  private static String norm(String units) {
    return units == null ? "" : units.trim().toUpperCase(Locale.ROOT);
  }
}
