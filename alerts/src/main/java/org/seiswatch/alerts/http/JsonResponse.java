package org.seiswatch.alerts.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a route answers: an HTTP status and a body that {@code Json.mapper()} writes.
 *
 * @param body any value the shared mapper can write (records, lists, maps)
 */
public record JsonResponse(int status, Object body) implements ApiResponse {
  private static final Map<Integer, String> REASONS =
      Map.of(
          200, "OK",
          201, "Created",
          400, "Bad Request",
          401, "Unauthorized",
          404, "Not Found",
          405, "Method Not Allowed",
          413, "Content Too Large",
          415, "Unsupported Media Type",
          500, "Internal Server Error",
          503, "Service Unavailable");

  public static JsonResponse ok(Object body) {
    return new JsonResponse(200, body);
  }

  /** The one error shape of the API: status, reason phrase, a message saying what to fix, path. */
  public static JsonResponse error(int status, String message, String path) {
    return new JsonResponse(
        status,
        new ErrorBody(status, REASONS.getOrDefault(status, "Error"), message, path, List.of()));
  }

  /** A 400 naming every problem of the request, in {@code message} and one by one. */
  public static JsonResponse invalid(List<String> problems, String path) {
    String message =
        problems.size() == 1
            ? problems.get(0)
            : problems.size() + " problems: " + String.join("; ", problems);
    return new JsonResponse(400, new ErrorBody(400, REASONS.get(400), message, path, problems));
  }

  /**
   * Body of every error response.
   *
   * @param problems every problem of a bad request (400); left out when empty
   */
  public record ErrorBody(
      int status,
      String error,
      String message,
      String path,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> problems) {
    public ErrorBody {
      problems = problems == null ? List.of() : List.copyOf(problems);
    }
  }
}
