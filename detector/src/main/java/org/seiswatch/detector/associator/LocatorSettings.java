package org.seiswatch.detector.associator;

/**
 * Grid-search locator parameters: km, seconds.
 *
 * @param residualTolerance a pick is consistent with a hypocentre if its residual is within this
 * @param marginKm how far outside the picked stations' extent the grid reaches
 * @param spacingKm horizontal spacing of the coarse grid (refined twice by a factor of 4)
 * @param depthSpacingKm depth spacing of the coarse grid
 * @param maxDistanceKm stations farther than this from a node are not used at that node
 */
public record LocatorSettings(
    double residualTolerance,
    double marginKm,
    double spacingKm,
    double minDepthKm,
    double maxDepthKm,
    double depthSpacingKm,
    double maxDistanceKm) {

  public LocatorSettings {
    if (!(residualTolerance > 0 && marginKm >= 0 && spacingKm > 0 && depthSpacingKm > 0)) {
      throw new IllegalArgumentException("locator tolerance and grid spacings must be > 0");
    }
    if (!(maxDepthKm > minDepthKm && maxDistanceKm > 0)) {
      throw new IllegalArgumentException("locator depth range or maximum distance is empty");
    }
  }
}
