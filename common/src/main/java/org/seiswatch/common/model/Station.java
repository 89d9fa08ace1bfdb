package org.seiswatch.common.model;

import java.util.List;

/**
 * Station metadata as carried on {@code seis.stations}: coordinates (WGS84 degrees, elevation in
 * metres above sea level) and the channels it records. See {@code docs/formats/Station.md}.
 */
public record Station(
    String network,
    String station,
    double latitude,
    double longitude,
    double elevation,
    List<Channel> channels) {

  public Station {
    new StreamId(network, station, "", "HHZ"); // validates the codes
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException(network + "." + station + ": latitude " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException(network + "." + station + ": longitude " + longitude);
    }
    channels = channels == null ? List.of() : List.copyOf(channels);
  }

  /** {@code NET.STA}, the Kafka key. */
  public String key() {
    return network + "." + station;
  }
}
