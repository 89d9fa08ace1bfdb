package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.Set;

/**
 * A–D quality of a location, after HYPO71's two codes (Lee and Lahr 1975) and taking the worse:
 *
 * <ul>
 *   <li>solution: A if RMS ≤ 0.15 s, horizontal error ≤ 1 km and depth error ≤ 2 km; B if ≤ 0.3 s,
 *       2.5 km, 5 km; C if ≤ 0.5 s and horizontal error ≤ 5 km; D otherwise (or errors unknown);
 *   <li>station distribution: A if ≥ 6 stations and azimuthal gap ≤ 90°; B if ≥ 6 and ≤ 135°; C if
 *       ≥ 4 and ≤ 180°; D otherwise.
 * </ul>
 *
 * Computed from the {@link Detection} message alone (it is the message's derived {@code Quality}
 * field), so consumers can recompute it. Horizontal error is the larger of the latitude and
 * longitude errors.
 *
 * @param code A (best) to D
 * @param pCount P picks, @param sCount S picks, @param stations distinct stations
 */
public record LocationQuality(
    @JsonProperty("Code") char code,
    @JsonProperty("PCount") int pCount,
    @JsonProperty("SCount") int sCount,
    @JsonProperty("Stations") int stations) {

  public static LocationQuality of(Detection d) {
    int p = 0;
    int s = 0;
    Set<String> stations = new HashSet<>();
    for (Pick pick : d.data()) {
      stations.add(pick.stationKey());
      if (pick.phase() == Phase.P) {
        p++;
      } else {
        s++;
      }
    }
    char solution = solution(d.rms(), d.hypocenter());
    double gap = d.gap() == null ? 360 : d.gap();
    char distribution;
    if (stations.size() >= 6 && gap <= 90) {
      distribution = 'A';
    } else if (stations.size() >= 6 && gap <= 135) {
      distribution = 'B';
    } else if (stations.size() >= 4 && gap <= 180) {
      distribution = 'C';
    } else {
      distribution = 'D';
    }
    return new LocationQuality((char) Math.max(solution, distribution), p, s, stations.size());
  }

  private static char solution(Double rms, Hypocenter h) {
    if (rms == null
        || h.latitudeError() == null
        || h.longitudeError() == null
        || h.depthError() == null) {
      return 'D';
    }
    double erh = Math.max(h.latitudeError(), h.longitudeError());
    double erz = h.depthError();
    if (rms <= 0.15 && erh <= 1 && erz <= 2) {
      return 'A';
    }
    if (rms <= 0.3 && erh <= 2.5 && erz <= 5) {
      return 'B';
    }
    return rms <= 0.5 && erh <= 5 ? 'C' : 'D';
  }
}
