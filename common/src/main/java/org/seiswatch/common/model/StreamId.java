package org.seiswatch.common.model;

import java.util.regex.Pattern;

/**
 * One channel of one station: the FDSN network, station, location and channel codes (SEED 2.4 §8
 * fixed header; FDSN Source Identifiers for miniSEED 3). An empty location is the SEED "blank"
 * location ({@code --}).
 */
public record StreamId(String network, String station, String location, String channel) {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_\\-]{1,8}");
  private static final Pattern LOCATION = Pattern.compile("[A-Za-z0-9_\\-]{0,8}");

  public StreamId {
    requireCode("network", network, CODE);
    requireCode("station", station, CODE);
    location = location == null || "--".equals(location) ? "" : location;
    requireCode("location", location, LOCATION);
    requireCode("channel", channel, CODE);
  }

  private static void requireCode(String what, String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid " + what + " code '" + value + "'");
    }
  }

  /** Parses {@code NET.STA.LOC.CHA} (the form {@link #toString()} writes; LOC may be empty). */
  public static StreamId parse(String text) {
    String[] parts = text == null ? new String[0] : text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("stream id '" + text + "' is not NET.STA.LOC.CHA");
    }
    return new StreamId(parts[0], parts[1], parts[2], parts[3]);
  }

  /**
   * The instrument the channel belongs to: {@code NET.STA.LOC} and the channel's band and
   * instrument codes, without the component letter ({@code HV.TOUO..HH} for {@code HV.TOUO..HHZ}).
   */
  public String instrument() {
    return stationKey() + "." + location + "." + channel.substring(0, channel.length() - 1);
  }

  /** The Kafka key of everything about this station: {@code NET.STA}. */
  public String stationKey() {
    return network + "." + station;
  }

  /** The component code: the last letter of the channel (Z, N, E, 1, 2, ...). */
  public char component() {
    return channel.charAt(channel.length() - 1);
  }

  @Override
  public String toString() {
    return network + "." + station + "." + location + "." + channel;
  }
}
