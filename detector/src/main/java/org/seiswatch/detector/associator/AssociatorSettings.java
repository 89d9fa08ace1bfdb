package org.seiswatch.detector.associator;

/**
 * Associator parameters (seconds). See {@code DetectorConfig} for meanings and defaults.
 *
 * @param minStations distinct stations with consistent P picks needed to declare an event
 * @param pickWindowSeconds picks that nucleate one event lie within this span; picks join an event
 *     at most this long after its origin time
 * @param associationWindowSeconds a pick is tried against an event only if its residual there is
 *     within this (before relocating with it)
 * @param releaseLatenessSeconds extra data time the associator waits after every station has passed
 *     a pick before it processes the pick
 * @param stationQuietSeconds after a station's P pick joined an event, later picks at that station
 *     within this time cannot anchor a new event (S waves, coda)
 * @param finalQuietSeconds an event whose newest pick is this much data time old is Final
 * @param maxLatenessSeconds how far behind the newest processed pick a late pick may be and still
 *     nucleate with the picks around it (unassociated picks are kept this much longer)
 */
public record AssociatorSettings(
    int minStations,
    double pickWindowSeconds,
    double associationWindowSeconds,
    double releaseLatenessSeconds,
    double stationQuietSeconds,
    double finalQuietSeconds,
    double maxLatenessSeconds) {
  public static final double DEFAULT_FINAL_QUIET_SECONDS = 60;
  public static final double DEFAULT_MAX_LATENESS_SECONDS = 300;

  public AssociatorSettings(
      int minStations,
      double pickWindowSeconds,
      double associationWindowSeconds,
      double releaseLatenessSeconds,
      double stationQuietSeconds) {
    this(
        minStations,
        pickWindowSeconds,
        associationWindowSeconds,
        releaseLatenessSeconds,
        stationQuietSeconds,
        DEFAULT_FINAL_QUIET_SECONDS,
        DEFAULT_MAX_LATENESS_SECONDS);
  }

  public AssociatorSettings {
    if (minStations < 3) {
      throw new IllegalArgumentException("minimum stations " + minStations + " < 3");
    }
    if (!(pickWindowSeconds > 0
        && associationWindowSeconds > 0
        && releaseLatenessSeconds >= 0
        && stationQuietSeconds >= 0
        && finalQuietSeconds > 0
        && maxLatenessSeconds >= 0)) {
      throw new IllegalArgumentException("associator windows must be > 0");
    }
  }
}
