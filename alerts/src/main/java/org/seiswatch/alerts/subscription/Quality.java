package org.seiswatch.alerts.subscription;

import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Hypocenter;
import org.seiswatch.common.model.Pick;

/**
 * The least location quality a subscriber accepts; every bound is optional. A version that does not
 * state a bounded value (no RMS, no errors) does not pass that bound.
 *
 * @param maxRms travel-time residual RMS, s
 * @param maxGap azimuthal gap, degrees
 * @param minStations distinct stations with associated picks
 * @param maxHorizontalErrorKm the larger of the latitude and longitude errors, km
 */
public record Quality(
    Double maxRms, Double maxGap, Integer minStations, Double maxHorizontalErrorKm) {
  public static final Quality ANY = new Quality(null, null, null, null);

  public boolean accepts(Detection d) {
    Hypocenter h = d.hypocenter();
    return (maxRms == null || (d.rms() != null && d.rms() <= maxRms))
        && (maxGap == null || (d.gap() != null && d.gap() <= maxGap))
        && (minStations == null
            || d.data().stream().map(Pick::stationKey).distinct().count() >= minStations)
        && (maxHorizontalErrorKm == null
            || (h != null
                && h.latitudeError() != null
                && h.longitudeError() != null
                && Math.max(h.latitudeError(), h.longitudeError()) <= maxHorizontalErrorKm));
  }
}
