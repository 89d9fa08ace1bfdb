package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One channel epoch of a station, as summarised from FDSN StationXML: orientation, sample rate,
 * overall sensitivity (counts per input unit at {@code sensitivityFrequency} Hz) and, when the file
 * gives them, the analog poles and zeros of the response (for instrument correction, e.g. the
 * Wood-Anderson simulation of the local magnitude).
 *
 * @param polesZeros the analog response shape, or null when unknown (older messages, files without
 *     a response, or a response without a Laplace poles-and-zeros stage)
 */
public record Channel(
    String location,
    String code,
    double sampleRate,
    double azimuth,
    double dip,
    double sensitivity,
    double sensitivityFrequency,
    String inputUnits,
    @JsonInclude(JsonInclude.Include.NON_NULL) PolesZeros polesZeros) {

  /** A channel without poles and zeros. */
  public Channel(
      String location,
      String code,
      double sampleRate,
      double azimuth,
      double dip,
      double sensitivity,
      double sensitivityFrequency,
      String inputUnits) {
    this(
        location,
        code,
        sampleRate,
        azimuth,
        dip,
        sensitivity,
        sensitivityFrequency,
        inputUnits,
        null);
  }

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
