package org.seiswatch.detector.picker;

/**
 * Parameters of the STA/LTA picker (seconds, ratios, Hz). See {@code DetectorConfig} for their
 * meaning and defaults.
 *
 * @param aicPreSeconds how far before the trigger the onset refinement may move the pick
 * @param aicPostSeconds data after the trigger used by the refinement (delays the pick by as much)
 */
public record StaLtaSettings(
    double staSeconds,
    double ltaSeconds,
    double onRatio,
    double offRatio,
    double lowHz,
    double highHz,
    double minRetriggerSeconds,
    double aicPreSeconds,
    double aicPostSeconds) {

  public StaLtaSettings {
    if (!(staSeconds > 0 && ltaSeconds > staSeconds)) {
      throw new IllegalArgumentException("need 0 < STA " + staSeconds + " < LTA " + ltaSeconds);
    }
    if (!(onRatio > offRatio && offRatio > 0)) {
      throw new IllegalArgumentException(
          "need on ratio " + onRatio + " > off ratio " + offRatio + " > 0");
    }
    if (!(lowHz > 0 && highHz > lowHz)) {
      throw new IllegalArgumentException(
          "need 0 < low corner " + lowHz + " < high corner " + highHz);
    }
    if (!(minRetriggerSeconds >= 0 && aicPreSeconds >= 0 && aicPostSeconds >= 0)) {
      throw new IllegalArgumentException("re-trigger and refinement windows must be >= 0");
    }
  }
}
