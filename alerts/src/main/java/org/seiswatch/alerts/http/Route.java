package org.seiswatch.alerts.http;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One endpoint: an HTTP method and a whole-path pattern whose capturing groups become {@link
 * ApiRequest#pathParameters()}.
 */
public record Route(String method, Pattern path, Handler handler) {
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
  }

  public static Route get(String pathRegex, Handler handler) {
    return new Route("GET", Pattern.compile(pathRegex), handler);
  }

  public static Route post(String pathRegex, Handler handler) {
    return new Route("POST", Pattern.compile(pathRegex), handler);
  }

  public static Route put(String pathRegex, Handler handler) {
    return new Route("PUT", Pattern.compile(pathRegex), handler);
  }

  public static Route delete(String pathRegex, Handler handler) {
    return new Route("DELETE", Pattern.compile(pathRegex), handler);
  }

  /** Answers one request; runtime exceptions become a 500 JSON error. */
  @FunctionalInterface
  public interface Handler {
    ApiResponse handle(ApiRequest request);
  }
}
