package org.seiswatch.detector.associator;

import org.seiswatch.common.model.Phase;

/**
 * First-arrival travel times the associator and locator work with: a 1-D model seen from a source
 * at some depth below sea level and a station at some elevation. Implementations: {@link
 * TauPTravelTimes} (TauP tables, the default) and {@link LayeredTravelTimes} (the flat layered
 * model of {@code associator.velocity.model}).
 */
public interface TravelTimes {
  /**
   * Travel time in seconds of the first {@code phase} over {@code distanceKm} (epicentral) from a
   * source {@code depthKm} below sea level to a station {@code elevationKm} above it, or NaN where
   * the model has none (beyond its distance range).
   */
  double time(Phase phase, double distanceKm, double depthKm, double elevationKm);

  /** Slowest velocity of {@code phase} at the surface, km/s (for search tolerances). */
  double surfaceVelocity(Phase phase);

  /** Short description for logs. */
  String describe();
}
