package org.seiswatch.alerts.subscription;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Magnitude;

/**
 * Which event versions a subscriber wants: inside a region (none = anywhere), at least a magnitude,
 * at least a location quality, and of the listed version types.
 *
 * <p>A {@code Retract} without hypocenter cannot be placed, so it passes on its type alone (the
 * subscriber ignores retractions of events it never got). A version without a usable magnitude
 * ({@link Magnitude#usable}) does not pass {@code minMagnitude}.
 */
public record Policy(
    Region region, Double minMagnitude, Quality quality, Set<DetectionType> versions) {
  public Policy {
    quality = quality == null ? Quality.ANY : quality;
    Objects.requireNonNull(versions, "versions");
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("policy without versions");
    }
    versions = Set.copyOf(versions);
  }

  /** Every version anywhere. */
  public static Policy everything() {
    return new Policy(null, null, Quality.ANY, EnumSet.allOf(DetectionType.class));
  }

  public boolean accepts(Detection d) {
    if (!versions.contains(d.detectionType())) {
      return false;
    }
    if (d.detectionType() == DetectionType.RETRACT && d.hypocenter() == null) {
      return true;
    }
    if (minMagnitude != null
        && Magnitude.usable(d).orElse(Double.NEGATIVE_INFINITY) < minMagnitude) {
      return false;
    }
    if (region != null
        && (d.hypocenter() == null
            || !region.contains(d.hypocenter().latitude(), d.hypocenter().longitude()))) {
      return false;
    }
    return quality.accepts(d);
  }
}
