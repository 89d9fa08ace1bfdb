package org.seiswatch.alerts.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.seiswatch.alerts.format.EventFormat;
import org.seiswatch.alerts.format.EventFormats;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Hypocenter;

/**
 * The filters of {@code GET /api/events}, with the parameter names of the FDSN event web service
 * (https://www.fdsn.org/webservices/fdsnws-event-1.2.pdf) where it has one: {@code since}, {@code
 * until} (origin time, ISO-8601 UTC, inclusive), {@code minmagnitude}, {@code minlatitude}, {@code
 * maxlatitude}, {@code minlongitude}, {@code maxlongitude} (degrees; {@code minlongitude >
 * maxlongitude} selects a box across the antimeridian), {@code limit} and {@code format}. Every
 * parameter is optional; an event passes when its location (the latest version with a hypocenter)
 * is inside every given bound.
 *
 * <p>As in FDSN services, an event without a magnitude does not pass a {@code minmagnitude} filter;
 * the magnitude is that of the latest version measured at one or more stations ({@link
 * org.seiswatch.common.model.Magnitude#usable}).
 */
public record EventQuery(
    Instant since,
    Instant until,
    Double minMagnitude,
    Double minLatitude,
    Double maxLatitude,
    Double minLongitude,
    Double maxLongitude,
    Integer limit,
    EventFormat format) {

  public static final Set<String> PARAMETERS =
      Set.of(
          "since",
          "until",
          "minmagnitude",
          "minlatitude",
          "maxlatitude",
          "minlongitude",
          "maxlongitude",
          "limit",
          "format");

  /** The largest {@code limit}. */
  public static final int MAX_LIMIT = 100_000;

  /**
   * Reads and checks the query parameters.
   *
   * @throws InvalidQueryException listing every problem
   */
  public static EventQuery parse(Map<String, List<String>> parameters) {
    QueryParameters p = new QueryParameters(parameters, PARAMETERS);
    Instant since = p.instant("since");
    Instant until = p.instant("until");
    if (since != null && until != null && since.isAfter(until)) {
      p.problem("since=" + since + " is after until=" + until);
    }
    Double minLat = p.number("minlatitude", -90, 90);
    Double maxLat = p.number("maxlatitude", -90, 90);
    if (minLat != null && maxLat != null && minLat > maxLat) {
      p.problem("minlatitude=" + minLat + " is above maxlatitude=" + maxLat);
    }
    EventQuery query =
        new EventQuery(
            since,
            until,
            p.number("minmagnitude", -10, 12),
            minLat,
            maxLat,
            p.number("minlongitude", -180, 180),
            p.number("maxlongitude", -180, 180),
            p.integer("limit", 1, MAX_LIMIT),
            format(p));
    p.check();
    return query;
  }

  /** The {@code format} parameter alone (the only one {@code /api/events/{id}} takes). */
  public static EventFormat parseFormatOnly(Map<String, List<String>> parameters) {
    QueryParameters p = new QueryParameters(parameters, Set.of("format"));
    EventFormat format = format(p);
    p.check();
    return format;
  }

  private static EventFormat format(QueryParameters p) {
    String name = p.string("format");
    if (name == null) {
      return EventFormats.defaultFormat();
    }
    Optional<EventFormat> format = EventFormats.byName(name);
    if (format.isEmpty()) {
      p.problem("format='" + name + "' is not one of " + EventFormats.names());
      return EventFormats.defaultFormat();
    }
    return format.get();
  }

  /** The events (each as all its versions, oldest first) that pass, at most {@code limit}. */
  public List<List<Detection>> select(List<List<Detection>> events) {
    return events.stream()
        .filter(this::matches)
        .limit(limit == null ? Long.MAX_VALUE : limit)
        .toList();
  }

  /** True if the event (all its versions, oldest first) passes every given filter. */
  public boolean matches(List<Detection> versions) {
    if (minMagnitude != null
        && magnitude(versions).orElse(Double.NEGATIVE_INFINITY) < minMagnitude) {
      return false;
    }
    boolean located =
        since != null
            || until != null
            || minLatitude != null
            || maxLatitude != null
            || minLongitude != null
            || maxLongitude != null;
    if (!located) {
      return true;
    }
    Hypocenter h = location(versions);
    if (h == null) {
      return false;
    }
    return within(h.time())
        && (minLatitude == null || h.latitude() >= minLatitude)
        && (maxLatitude == null || h.latitude() <= maxLatitude)
        && longitudeWithin(h.longitude());
  }

  private boolean within(Instant time) {
    return (since == null || !time.isBefore(since)) && (until == null || !time.isAfter(until));
  }

  private boolean longitudeWithin(double lon) {
    if (minLongitude != null && maxLongitude != null && minLongitude > maxLongitude) {
      return lon >= minLongitude || lon <= maxLongitude;
    }
    return (minLongitude == null || lon >= minLongitude)
        && (maxLongitude == null || lon <= maxLongitude);
  }

  /** The hypocenter of the latest version that has one. */
  static Hypocenter location(List<Detection> versions) {
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i).hypocenter() != null) {
        return versions.get(i).hypocenter();
      }
    }
    return null;
  }

  /** The event's magnitude: that of its latest version with a usable one, if any. */
  static OptionalDouble magnitude(List<Detection> versions) {
    for (int i = versions.size() - 1; i >= 0; i--) {
      OptionalDouble m = org.seiswatch.common.model.Magnitude.usable(versions.get(i));
      if (m.isPresent()) {
        return m;
      }
    }
    return OptionalDouble.empty();
  }
}
