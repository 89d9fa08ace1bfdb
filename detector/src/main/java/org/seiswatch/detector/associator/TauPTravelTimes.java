package org.seiswatch.detector.associator;

import org.seiswatch.common.geo.Geo;
import org.seiswatch.common.model.Phase;
import org.seiswatch.detector.traveltime.TravelTimeTable;

/** {@link TravelTimes} from a TauP table (iasp91, ak135 or a model file). */
public final class TauPTravelTimes implements TravelTimes {
  private final TravelTimeTable table;

  public TauPTravelTimes(TravelTimeTable table) {
    this.table = table;
  }

  @Override
  public double time(Phase phase, double distanceKm, double depthKm, double elevationKm) {
    return table.time(phase, distanceKm / Geo.KM_PER_DEGREE, Math.max(0, depthKm), elevationKm);
  }

  @Override
  public double surfaceVelocity(Phase phase) {
    return table.surfaceVelocity(phase);
  }

  @Override
  public String describe() {
    return "TauP " + table.model() + " " + table.grid();
  }
}
