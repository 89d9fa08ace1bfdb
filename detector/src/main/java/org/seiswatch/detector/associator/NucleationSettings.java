package org.seiswatch.detector.associator;

/**
 * Parameters of the search that declares new events (see {@link Nucleator}); km, picks.
 *
 * @param minPicks consistent P and S picks needed for a new event (besides the station minimum)
 * @param radiusKm the search covers epicentres this far around the station of the newest pick
 * @param spacingKm horizontal spacing of the search nodes
 * @param depthSpacingKm depth spacing of the search nodes (over the locator's depth range)
 */
public record NucleationSettings(
    int minPicks, double radiusKm, double spacingKm, double depthSpacingKm) {

  public NucleationSettings {
    if (minPicks < 3) {
      throw new IllegalArgumentException("minimum picks " + minPicks + " < 3");
    }
    if (!(radiusKm > 0 && spacingKm > 0 && depthSpacingKm > 0 && spacingKm <= radiusKm)) {
      throw new IllegalArgumentException("nucleation radius and spacings must be > 0");
    }
  }
}
