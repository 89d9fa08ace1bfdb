package org.seiswatch.alerts.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as a route sees it.
 *
 * @param pathParameters the capturing groups of the route's path pattern, in order, URL-decoded
 * @param headers request headers, names in lower case
 * @param body the request body (empty for GET)
 */
public record ApiRequest(
    String method,
    URI uri,
    List<String> pathParameters,
    Map<String, List<String>> headers,
    byte[] body) {
  public ApiRequest {
    pathParameters = List.copyOf(pathParameters);
    body = body == null ? new byte[0] : body.clone();
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach(
        (name, values) ->
            lower
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
    lower.replaceAll((name, values) -> List.copyOf(values));
    headers = Map.copyOf(lower);
  }

  /** A request without headers. */
  public ApiRequest(String method, URI uri, List<String> pathParameters) {
    this(method, uri, pathParameters, Map.of(), new byte[0]);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public String path() {
    return uri.getPath();
  }

  /** The first value of a header, any case. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The query parameters, URL-decoded, in order; a name without {@code =} has value "". */
  public Map<String, List<String>> queryParameters() {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  /**
   * {@code http://<Host header>}, the base of links to this API; {@code http://localhost} without
   * one.
   */
  public URI baseUrl() {
    try {
      return URI.create("http://" + header("Host").orElse("localhost"));
    } catch (IllegalArgumentException e) {
      return URI.create("http://localhost");
    }
  }

  /** The absolute URL of this request. */
  public URI requestUrl() {
    return baseUrl()
        .resolve(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
  }

  /** Decoded, or as sent if it is not valid percent-encoding (validation then names it). */
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
