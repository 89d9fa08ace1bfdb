package org.seiswatch.ingest.seedlink.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.seiswatch.common.model.StreamId;

/**
 * A station pattern with its channel selectors, in the syntax slinktool and SeisComP users write:
 * {@code NET_STA[:SEL[ SEL...]]}, each {@code SEL} being {@code LOC.CHA}, {@code CHA} or {@code
 * LLCCC}; {@code ?} and {@code *} work everywhere. Examples: {@code HV_*}, {@code HV_AIND:HHZ},
 * {@code IU_ANMO:00.BH? 10.BHZ}, {@code GE_*:--HH?}. No selector means every channel.
 */
public record StreamSelector(String network, String station, List<ChannelSelector> channels) {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9?*]{1,8}");

  public StreamSelector {
    for (String code : new String[] {network, station}) {
      if (code == null || !CODE.matcher(code).matches()) {
        throw new IllegalArgumentException("invalid network or station pattern '" + code + "'");
      }
    }
    network = network.toUpperCase(Locale.ROOT);
    station = station.toUpperCase(Locale.ROOT);
    channels = channels.isEmpty() ? List.of(ChannelSelector.any()) : List.copyOf(channels);
  }

  /** Parses {@code NET_STA[:SEL[ SEL...]]} (see the class comment). */
  public static StreamSelector parse(String text) {
    String t = text.trim();
    int colon = t.indexOf(':');
    String station = colon < 0 ? t : t.substring(0, colon);
    int underscore = station.indexOf('_');
    if (underscore <= 0 || underscore == station.length() - 1) {
      throw new IllegalArgumentException(
          "selector '" + text + "' is not NET_STA[:LOC.CHA ...], e.g. HV_AIND:HH? or HV_*");
    }
    List<ChannelSelector> channels = new ArrayList<>();
    if (colon >= 0) {
      for (String sel : t.substring(colon + 1).trim().split("[\\s,]+")) {
        if (!sel.isEmpty()) {
          channels.add(ChannelSelector.parse(sel));
        }
      }
    }
    return new StreamSelector(
        station.substring(0, underscore), station.substring(underscore + 1), channels);
  }

  /** The SeedLink station id pattern {@code NET_STA}. */
  public String stationId() {
    return network + "_" + station;
  }

  public boolean matchesStation(String stationId) {
    int u = stationId.indexOf('_');
    return u > 0
        && Glob.matches(network, stationId.substring(0, u))
        && Glob.matches(station, stationId.substring(u + 1));
  }

  public boolean matches(StreamId id) {
    return Glob.matches(network, id.network())
        && Glob.matches(station, id.station())
        && channels.stream().anyMatch(c -> c.matches(id));
  }

  /** Whether any of {@code selectors} selects {@code id}. */
  public static boolean anyMatches(List<StreamSelector> selectors, StreamId id) {
    return selectors.stream().anyMatch(s -> s.matches(id));
  }

  @Override
  public String toString() {
    return stationId() + ":" + String.join(" ", channels.stream().map(Object::toString).toList());
  }
}
