package org.seiswatch.common.model;

/**
 * One channel epoch of a station, as summarised from FDSN StationXML: orientation, sample rate and
 * overall sensitivity (counts per input unit at {@code sensitivityFrequency} Hz).
 */
public record Channel(
    String location,
    String code,
    double sampleRate,
    double azimuth,
    double dip,
    double sensitivity,
    double sensitivityFrequency,
    String inputUnits) {

  public Channel {
    location = location == null || "--".equals(location) ? "" : location;
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("channel code is missing");
    }
    if (!(sampleRate >= 0)) {
      throw new IllegalArgumentException(
          "channel " + code + ": sample rate " + sampleRate + " < 0");
    }
  }
}
