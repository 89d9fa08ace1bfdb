package org.seiswatch.alerts.format;

import java.util.List;
import org.seiswatch.common.model.Detection;

/**
 * One way of writing events for the query API and the feeds: NEIC Detection JSON, USGS GeoJSON or
 * QuakeML 1.2. See {@code docs/formats/EventFormats.md}.
 */
public interface EventFormat {
  /**
   * The value of the API's {@code format} parameter: {@code json}, {@code geojson}, {@code
   * quakeml}.
   */
  String name();

  /** HTTP {@code Content-Type} of what this format writes. */
  String contentType();

  /**
   * A list of events, each given by one version (the API passes the latest), in the given order.
   */
  byte[] writeEvents(List<Detection> events, FormatContext context);

  /** Every version of one event, oldest first. */
  byte[] writeVersions(List<Detection> versions, FormatContext context);
}
