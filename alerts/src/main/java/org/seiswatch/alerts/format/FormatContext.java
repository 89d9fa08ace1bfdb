package org.seiswatch.alerts.format;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * What a format needs to know about the request it answers.
 *
 * @param requestUrl the absolute URL that was asked for (GeoJSON {@code metadata.url})
 * @param baseUrl scheme, host and port of the API, to build links to single events
 * @param generated when the answer is made (GeoJSON {@code metadata.generated})
 */
public record FormatContext(URI requestUrl, URI baseUrl, Instant generated) {
  public FormatContext {
    Objects.requireNonNull(requestUrl, "requestUrl");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(generated, "generated");
  }

  /** The API URL of one event, {@code <base>/api/events/<id>}, with an optional query. */
  public String eventUrl(String eventId, String query) {
    String path = baseUrl.toString().replaceAll("/+$", "") + "/api/events/" + eventId;
    return query == null ? path : path + "?" + query;
  }
}
