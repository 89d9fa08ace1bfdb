package org.seiswatch.ingest.seedlink.protocol;

import java.util.Locale;
import java.util.regex.Pattern;
import org.seiswatch.common.model.StreamId;

/**
 * One channel selector of a station: location and channel patterns with {@code ?} and {@code *}. A
 * null location means any location; an empty one means the blank location (written {@code --}).
 *
 * @param location location pattern, "" for the blank location, null for any
 * @param channel channel pattern, e.g. {@code HHZ}, {@code HH?}, {@code *}
 */
public record ChannelSelector(String location, String channel) {
  private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9?*]{1,8}");
  private static final Pattern LOCATION = Pattern.compile("[A-Za-z0-9?*]{0,8}");

  public ChannelSelector {
    if (channel == null || !PATTERN.matcher(channel).matches()) {
      throw new IllegalArgumentException("invalid channel pattern '" + channel + "'");
    }
    if (location != null && !LOCATION.matcher(location).matches()) {
      throw new IllegalArgumentException("invalid location pattern '" + location + "'");
    }
    channel = channel.toUpperCase(Locale.ROOT);
    location = location == null ? null : location.toUpperCase(Locale.ROOT);
  }

  /** Every channel at every location. */
  public static ChannelSelector any() {
    return new ChannelSelector(null, "*");
  }

  /**
   * Parses {@code LOC.CHA}, {@code CHA}, {@code --CHA}, or SeedLink 3's {@code LLCCC} (two-letter
   * location followed by a three-letter channel); a trailing {@code .D} type is ignored.
   */
  public static ChannelSelector parse(String text) {
    String t = text.trim();
    if (t.toUpperCase(Locale.ROOT).endsWith(".D")) {
      t = t.substring(0, t.length() - 2);
    }
    int dot = t.indexOf('.');
    if (dot >= 0) {
      String loc = t.substring(0, dot);
      return new ChannelSelector("--".equals(loc) ? "" : loc, t.substring(dot + 1));
    }
    if (t.startsWith("--")) {
      return new ChannelSelector("", t.substring(2));
    }
    if (t.length() == 5 && !t.contains("*")) {
      return new ChannelSelector(t.substring(0, 2), t.substring(2));
    }
    return new ChannelSelector(null, t);
  }

  public boolean matches(StreamId id) {
    return (location == null || matchesLocation(id.location()))
        && Glob.matches(channel, id.channel());
  }

  private boolean matchesLocation(String actual) {
    if (location.isEmpty()) {
      return actual.isEmpty();
    }
    // SeisComP stores the blank location as two spaces, which "??" matches.
    return Glob.matches(location, actual.isEmpty() ? "  " : actual);
  }

  /** The SeedLink 3 {@code SELECT} argument: {@code LLCCC}, {@code --CCC} or {@code CCC}. */
  public String v3Selector() {
    String cha = channel.equals("*") ? "???" : channel;
    if (location == null || location.equals("*")) {
      return cha;
    }
    return (location.isEmpty() ? "--" : location) + cha;
  }

  /**
   * The SeedLink 4 {@code SELECT} argument, an FDSN source identifier pattern {@code LOC_B_S_SS}:
   * the channel code's band, source and subsource joined by underscores.
   */
  public String v4Selector() {
    String loc = location == null ? "*" : location;
    if (channel.equals("*")) {
      return loc + "_*";
    }
    StringBuilder out = new StringBuilder(loc);
    for (char c : channel.toCharArray()) {
      out.append(c == '*' ? "_*" : "_" + c);
      if (c == '*') {
        break;
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return (location == null ? "*" : location.isEmpty() ? "--" : location) + "." + channel;
  }
}
