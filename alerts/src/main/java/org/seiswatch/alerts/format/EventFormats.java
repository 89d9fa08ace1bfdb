package org.seiswatch.alerts.format;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The formats the API offers, looked up by the {@code format} parameter. */
public final class EventFormats {
  /** Every format, the default ({@code json}) first. */
  public static final List<EventFormat> ALL =
      List.of(new NeicJsonFormat(), new GeoJsonFormat(), new QuakeMlFormat());

  private EventFormats() {}

  /** The default format, NEIC Detection JSON. */
  public static EventFormat defaultFormat() {
    return ALL.get(0);
  }

  /** The format of that name, case-insensitive. */
  public static Optional<EventFormat> byName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return ALL.stream().filter(f -> f.name().equals(wanted)).findFirst();
  }

  /** The names, for error messages: {@code json|geojson|quakeml}. */
  public static String names() {
    return String.join("|", ALL.stream().map(EventFormat::name).toList());
  }
}
