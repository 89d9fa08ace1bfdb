package org.seiswatch.detector.associator;

import java.util.HashMap;
import java.util.Map;
import org.seiswatch.common.model.Phase;

/**
 * {@link TravelTimes} from a flat layered P model ({@link VelocityModel}); S times are the P times
 * scaled by a constant vp/vs ratio. Tables per station elevation (10 m steps), built on first use.
 */
public final class LayeredTravelTimes implements TravelTimes {
  private final VelocityModel model;
  private final double vpVs;
  private final double maxDistanceKm;
  private final double minDepthKm;
  private final double maxDepthKm;
  private final Map<Long, TravelTimeTable> tables = new HashMap<>();

  public LayeredTravelTimes(
      VelocityModel model,
      double vpVs,
      double maxDistanceKm,
      double minDepthKm,
      double maxDepthKm) {
    if (!(vpVs > 1)) {
      throw new IllegalArgumentException("vp/vs " + vpVs + " must be > 1");
    }
    this.model = model;
    this.vpVs = vpVs;
    this.maxDistanceKm = maxDistanceKm;
    this.minDepthKm = minDepthKm;
    this.maxDepthKm = maxDepthKm;
  }

  @Override
  public synchronized double time(
      Phase phase, double distanceKm, double depthKm, double elevationKm) {
    long elevation = Math.round(elevationKm * 100) * 10;
    TravelTimeTable table =
        tables.computeIfAbsent(
            elevation,
            e -> new TravelTimeTable(model, e / 1000.0, maxDistanceKm, minDepthKm, maxDepthKm));
    double t = table.time(distanceKm, depthKm);
    return phase == Phase.S ? t * vpVs : t;
  }

  @Override
  public double surfaceVelocity(Phase phase) {
    double vp = model.slowestVelocity();
    return phase == Phase.S ? vp / vpVs : vp;
  }

  @Override
  public String describe() {
    return "layered " + model + " vp/vs " + vpVs;
  }
}
