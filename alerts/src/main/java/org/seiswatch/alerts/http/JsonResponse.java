package org.seiswatch.alerts.http;

import java.util.Map;

/**
 * What a route answers: an HTTP status and a body that {@code Json.mapper()} writes.
 *
 * @param body any value the shared mapper can write (records, lists, maps)
 */
public record JsonResponse(int status, Object body) {
  private static final Map<Integer, String> REASONS =
      Map.of(
          200, "OK",
          400, "Bad Request",
          404, "Not Found",
          405, "Method Not Allowed",
          500, "Internal Server Error",
          503, "Service Unavailable");

  public static JsonResponse ok(Object body) {
    return new JsonResponse(200, body);
  }

  /** The one error shape of the API: status, reason phrase, a message saying what to fix, path. */
  public static JsonResponse error(int status, String message, String path) {
    return new JsonResponse(
        status, new ErrorBody(status, REASONS.getOrDefault(status, "Error"), message, path));
  }

  /** Body of every error response. */
  public record ErrorBody(int status, String error, String message, String path) {}
}
