package org.seiswatch.alerts.http;

import java.net.URI;
import java.util.List;

/**
 * A request as a route sees it.
 *
 * @param pathParameters the capturing groups of the route's path pattern, in order, URL-decoded
 */
public record ApiRequest(String method, URI uri, List<String> pathParameters) {
  public ApiRequest {
    pathParameters = List.copyOf(pathParameters);
  }

  public String path() {
    return uri.getPath();
  }
}
